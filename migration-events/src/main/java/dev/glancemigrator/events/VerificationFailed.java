package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.header;
import static dev.glancemigrator.events.Require.present;

import java.time.Instant;
import java.util.UUID;

/** A copy is not trusted. {@code firstDifferingOffset} is set when a byte comparison failed. */
public record VerificationFailed(
        int schemaVersion,
        UUID eventId,
        UUID migrationId,
        String imageId,
        int attempt,
        String host,
        Instant occurredAt,
        VerificationFailureReason reason,
        Long firstDifferingOffset,
        String message) implements VerifyResult {

    public static final int SCHEMA_VERSION = 1;

    public VerificationFailed {
        header(schemaVersion, eventId, migrationId, attempt, host, occurredAt);
        present(imageId, "imageId");
        present(reason, "reason");
        present(message, "message");
    }
}
