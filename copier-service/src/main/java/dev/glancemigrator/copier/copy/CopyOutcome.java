package dev.glancemigrator.copier.copy;

import dev.glancemigrator.events.DependentClone;
import java.time.Duration;
import java.util.List;

/**
 * A finished copy: its counts, how long it took, and its manifest (where it is stored and its
 * digest). {@code alreadyComplete} when an earlier delivery of the task had done the work;
 * {@code discardedAttempt} when this copy replaced an earlier attempt's complete copy (else null);
 * {@code dependents}: the clone children of the source snapshot when the copy was done or found.
 */
public record CopyOutcome(CopyCounts counts, Duration duration, long objectSize, long objectCount,
        String manifestObject, String manifestDigest, boolean alreadyComplete, Integer discardedAttempt,
        List<DependentClone> dependents) {

    public CopyOutcome {
        dependents = List.copyOf(dependents);
    }

    /** The same outcome, naming the source snapshot's clone children. */
    CopyOutcome withDependents(List<DependentClone> children) {
        return new CopyOutcome(counts, duration, objectSize, objectCount, manifestObject, manifestDigest, alreadyComplete,
                discardedAttempt, children);
    }
}
