package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.header;
import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/** The preconditions held and the journal is written: Glance is about to be switched. */
public record CutoverStarted(
        int schemaVersion,
        UUID eventId,
        UUID migrationId,
        int attempt,
        String host,
        Instant occurredAt,
        String operator,
        int locationRowsToChange) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    public CutoverStarted {
        header(schemaVersion, eventId, migrationId, attempt, host, occurredAt);
        present(operator, "operator");
        notNegative(locationRowsToChange, "locationRowsToChange");
    }
}
