package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A verifier's periodic report on one verification in flight. */
public record VerifyProgress(
        @JsonUnwrapped EventHeader header,
        String imageId,
        long bytesDone,
        long bytesTotal,
        long bytesPerSecond) implements ImageEvent {

    public static final int SCHEMA_VERSION = 1;

    public VerifyProgress {
        present(header, "header");
        present(imageId, "imageId");
        notNegative(bytesDone, "bytesDone");
        notNegative(bytesTotal, "bytesTotal");
        notNegative(bytesPerSecond, "bytesPerSecond");
    }
}
