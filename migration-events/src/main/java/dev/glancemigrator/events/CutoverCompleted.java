package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.header;
import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/** Glance's config and location rows point at the target cluster, and Glance answered after restart. */
public record CutoverCompleted(
        int schemaVersion,
        UUID eventId,
        UUID migrationId,
        int attempt,
        String host,
        Instant occurredAt,
        String operator,
        int locationRowsChanged,
        long durationMillis) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    public CutoverCompleted {
        header(schemaVersion, eventId, migrationId, attempt, host, occurredAt);
        present(operator, "operator");
        notNegative(locationRowsChanged, "locationRowsChanged");
        notNegative(durationMillis, "durationMillis");
    }
}
