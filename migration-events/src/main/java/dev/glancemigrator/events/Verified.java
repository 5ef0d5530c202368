package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The target snapshot equals the source. {@code hashAlgorithm} is the one Glance recorded
 * ({@code sha512}, or {@code md5} for old rows); both hash fields are null in {@link
 * VerifyMode#SOURCE_COMPARE}, where no hash was recorded.
 */
public record Verified(
        @JsonUnwrapped EventHeader header,
        String imageId,
        VerifyMode mode,
        String hashAlgorithm,
        String computedHash,
        String recordedHash,
        long bytesRead,
        long durationMillis) implements VerifyResult {

    public static final int SCHEMA_VERSION = 1;

    public Verified {
        present(header, "header");
        present(imageId, "imageId");
        present(mode, "mode");
        notNegative(bytesRead, "bytesRead");
        notNegative(durationMillis, "durationMillis");
    }
}
