package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A copier's periodic report on one copy in flight. */
public record CopyProgress(
        @JsonUnwrapped EventHeader header,
        String imageId,
        long bytesDone,
        long bytesTotal,
        long bytesPerSecond) implements ImageEvent {

    public static final int SCHEMA_VERSION = 1;

    public CopyProgress {
        present(header, "header");
        present(imageId, "imageId");
        notNegative(bytesDone, "bytesDone");
        notNegative(bytesTotal, "bytesTotal");
        notNegative(bytesPerSecond, "bytesPerSecond");
    }
}
