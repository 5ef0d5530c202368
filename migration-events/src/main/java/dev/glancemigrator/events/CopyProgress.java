package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.header;
import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/** A copier's periodic report on one copy in flight. */
public record CopyProgress(
        int schemaVersion,
        UUID eventId,
        UUID migrationId,
        String imageId,
        int attempt,
        String host,
        Instant occurredAt,
        long bytesDone,
        long bytesTotal,
        long bytesPerSecond) implements ImageEvent {

    public static final int SCHEMA_VERSION = 1;

    public CopyProgress {
        header(schemaVersion, eventId, migrationId, attempt, host, occurredAt);
        present(imageId, "imageId");
        notNegative(bytesDone, "bytesDone");
        notNegative(bytesTotal, "bytesTotal");
        notNegative(bytesPerSecond, "bytesPerSecond");
    }
}
