package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.header;
import static dev.glancemigrator.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/** A copier gave up on one attempt; {@code retryable} tells the planner whether another may help. */
public record CopyFailed(
        int schemaVersion,
        UUID eventId,
        UUID migrationId,
        String imageId,
        int attempt,
        String host,
        Instant occurredAt,
        CopyFailureReason reason,
        boolean retryable,
        String message) implements CopyResult {

    public static final int SCHEMA_VERSION = 1;

    public CopyFailed {
        header(schemaVersion, eventId, migrationId, attempt, host, occurredAt);
        present(imageId, "imageId");
        present(reason, "reason");
        present(message, "message");
    }
}
