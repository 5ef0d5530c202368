package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A copier gave up on one attempt; {@code retryable} tells the planner whether another may help. */
public record CopyFailed(
        @JsonUnwrapped EventHeader header,
        String imageId,
        CopyFailureReason reason,
        boolean retryable,
        String message) implements CopyResult {

    public static final int SCHEMA_VERSION = 1;

    public CopyFailed {
        present(header, "header");
        present(imageId, "imageId");
        present(reason, "reason");
        present(message, "message");
    }
}
