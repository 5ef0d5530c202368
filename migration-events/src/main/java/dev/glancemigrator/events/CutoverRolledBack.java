package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.header;
import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/** Glance's config backups and journaled location values were restored: Glance reads the source again. */
public record CutoverRolledBack(
        int schemaVersion,
        UUID eventId,
        UUID migrationId,
        int attempt,
        String host,
        Instant occurredAt,
        String operator,
        int locationRowsRestored) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    public CutoverRolledBack {
        header(schemaVersion, eventId, migrationId, attempt, host, occurredAt);
        present(operator, "operator");
        notNegative(locationRowsRestored, "locationRowsRestored");
    }
}
