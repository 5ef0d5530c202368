package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The planner asks a copier to copy one image's snapshot from the source to the target cluster.
 * {@code retryReason} is null for a first attempt (and in version 1 records).
 */
public record CopyTask(
        @JsonUnwrapped EventHeader header,
        String imageId,
        String imageName,
        long sizeBytes,
        RbdImageRef source,
        RbdImageRef target,
        RetryReason retryReason) implements ImageEvent {

    /** 2: {@code retryReason} added, so a copier knows a retry after a failed verification. */
    public static final int SCHEMA_VERSION = 2;

    public CopyTask {
        present(header, "header");
        present(imageId, "imageId");
        notNegative(sizeBytes, "sizeBytes");
        present(source, "source");
        present(target, "target");
    }
}
