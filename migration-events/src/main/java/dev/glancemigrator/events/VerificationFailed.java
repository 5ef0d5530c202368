package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A copy is not trusted. {@code firstDifferingOffset} is set when a byte comparison failed. */
public record VerificationFailed(
        @JsonUnwrapped EventHeader header,
        String imageId,
        VerificationFailureReason reason,
        Long firstDifferingOffset,
        String message) implements VerifyResult {

    public static final int SCHEMA_VERSION = 1;

    public VerificationFailed {
        present(header, "header");
        present(imageId, "imageId");
        present(reason, "reason");
        present(message, "message");
    }
}
