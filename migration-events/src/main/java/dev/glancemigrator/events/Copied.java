package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.header;
import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/** A copier finished one image: the target holds the source's data under a protected snapshot. */
public record Copied(
        int schemaVersion,
        UUID eventId,
        UUID migrationId,
        String imageId,
        int attempt,
        String host,
        Instant occurredAt,
        RbdImageRef source,
        RbdImageRef target,
        long bytesRead,
        long bytesWritten,
        long zeroBytesSkipped,
        long durationMillis,
        CopyManifest manifest) implements CopyResult {

    /** 2: {@code source} added, so a verifier can compare with it. */
    public static final int SCHEMA_VERSION = 2;

    public Copied {
        header(schemaVersion, eventId, migrationId, attempt, host, occurredAt);
        present(imageId, "imageId");
        present(source, "source");
        present(target, "target");
        notNegative(bytesRead, "bytesRead");
        notNegative(bytesWritten, "bytesWritten");
        notNegative(zeroBytesSkipped, "zeroBytesSkipped");
        notNegative(durationMillis, "durationMillis");
        present(manifest, "manifest");
    }
}
