package dev.glancemigrator.copier.copy;

import java.time.Duration;

/**
 * A finished copy: its counts, how long it took, and its manifest (where it is stored and its
 * digest). {@code alreadyComplete} when an earlier delivery of the task had done the work;
 * {@code discardedAttempt} when this copy replaced an earlier attempt's complete copy (else null).
 */
public record CopyOutcome(CopyCounts counts, Duration duration, long objectSize, long objectCount,
        String manifestObject, String manifestDigest, boolean alreadyComplete, Integer discardedAttempt) {
}
