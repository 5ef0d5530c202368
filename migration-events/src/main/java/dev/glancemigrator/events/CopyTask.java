package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.header;
import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/**
 * The planner asks a copier to copy one image's snapshot from the source to the target cluster.
 * {@code retryReason} is null for a first attempt (and in version 1 records).
 */
public record CopyTask(
        int schemaVersion,
        UUID eventId,
        UUID migrationId,
        String imageId,
        int attempt,
        String host,
        Instant occurredAt,
        String imageName,
        long sizeBytes,
        RbdImageRef source,
        RbdImageRef target,
        RetryReason retryReason) implements ImageEvent {

    /** 2: {@code retryReason} added, so a copier knows a retry after a failed verification. */
    public static final int SCHEMA_VERSION = 2;

    public CopyTask {
        header(schemaVersion, eventId, migrationId, attempt, host, occurredAt);
        present(imageId, "imageId");
        notNegative(sizeBytes, "sizeBytes");
        present(source, "source");
        present(target, "target");
    }
}
