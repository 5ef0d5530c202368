package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.header;
import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/**
 * The target snapshot equals the source. {@code hashAlgorithm} is the one Glance recorded
 * ({@code sha512}, or {@code md5} for old rows); both hash fields are null in {@link
 * VerifyMode#SOURCE_COMPARE}, where no hash was recorded.
 */
public record Verified(
        int schemaVersion,
        UUID eventId,
        UUID migrationId,
        String imageId,
        int attempt,
        String host,
        Instant occurredAt,
        VerifyMode mode,
        String hashAlgorithm,
        String computedHash,
        String recordedHash,
        long bytesRead,
        long durationMillis) implements VerifyResult {

    public static final int SCHEMA_VERSION = 1;

    public Verified {
        header(schemaVersion, eventId, migrationId, attempt, host, occurredAt);
        present(imageId, "imageId");
        present(mode, "mode");
        notNegative(bytesRead, "bytesRead");
        notNegative(durationMillis, "durationMillis");
    }
}
