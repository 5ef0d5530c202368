package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.header;
import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/** A verifier's periodic report on one verification in flight. */
public record VerifyProgress(
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

    public VerifyProgress {
        header(schemaVersion, eventId, migrationId, attempt, host, occurredAt);
        present(imageId, "imageId");
        notNegative(bytesDone, "bytesDone");
        notNegative(bytesTotal, "bytesTotal");
        notNegative(bytesPerSecond, "bytesPerSecond");
    }
}
