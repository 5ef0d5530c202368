package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.header;
import static dev.glancemigrator.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/** The cutover stopped; {@code reason} is a short code, {@code message} says what to do next. */
public record CutoverFailed(
        int schemaVersion,
        UUID eventId,
        UUID migrationId,
        int attempt,
        String host,
        Instant occurredAt,
        String operator,
        String reason,
        String message) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    public CutoverFailed {
        header(schemaVersion, eventId, migrationId, attempt, host, occurredAt);
        present(operator, "operator");
        present(reason, "reason");
        present(message, "message");
    }
}
