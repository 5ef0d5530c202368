package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A copier finished one image: the target holds the source's data under a protected snapshot.
 * {@code retryReason} echoes the task's (null for a first attempt); {@code discardedAttempt} is the
 * attempt whose complete copy the copier removed before copying again, null when it removed none.
 * {@code dependents}: the clones of the source snapshot on the source cluster when the copier read it
 * (Nova disks, Cinder volumes): the source cannot be retired while they exist; empty when there are none.
 */
public record Copied(
        @JsonUnwrapped EventHeader header,
        String imageId,
        RbdImageRef source,
        RbdImageRef target,
        long bytesRead,
        long bytesWritten,
        long zeroBytesSkipped,
        long durationMillis,
        CopyManifest manifest,
        RetryReason retryReason,
        Integer discardedAttempt,
        List<DependentClone> dependents) implements CopyResult {

    /**
     * 2: {@code source} added, so a verifier can compare with it. 3: {@code retryReason} (the task's) and
     * {@code discardedAttempt} added, so a verifier knows a fresh copy after a failed verification.
     * 4: {@code dependents} added (earlier versions read as none listed), so the planner can count them.
     */
    public static final int SCHEMA_VERSION = 4;

    public Copied {
        present(header, "header");
        present(imageId, "imageId");
        present(source, "source");
        present(target, "target");
        notNegative(bytesRead, "bytesRead");
        notNegative(bytesWritten, "bytesWritten");
        notNegative(zeroBytesSkipped, "zeroBytesSkipped");
        notNegative(durationMillis, "durationMillis");
        present(manifest, "manifest");
        if (discardedAttempt != null && discardedAttempt < 1) {
            throw new IllegalArgumentException("field 'discardedAttempt' must be 1 or more, was " + discardedAttempt);
        }
        dependents = dependents == null ? List.of() : List.copyOf(dependents);
    }
}
