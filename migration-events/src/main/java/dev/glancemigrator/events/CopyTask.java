package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.header;
import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/** The planner asks a copier to copy one image's snapshot from the source to the target cluster. */
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
        RbdImageRef target) implements ImageEvent {

    public static final int SCHEMA_VERSION = 1;

    public CopyTask {
        header(schemaVersion, eventId, migrationId, attempt, host, occurredAt);
        present(imageId, "imageId");
        notNegative(sizeBytes, "sizeBytes");
        present(source, "source");
        present(target, "target");
    }
}
