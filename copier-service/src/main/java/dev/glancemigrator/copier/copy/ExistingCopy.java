package dev.glancemigrator.copier.copy;

import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.RetryReason;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An image already under the target's final name, as its copier markers describe it, and what a task
 * may do with it. Pure, so each rule is tested without Ceph.
 *
 * <p>A complete copy of the same source is reported again, except when the task retries a failed
 * verification and the markers prove the copy was made in the same migration for an earlier attempt:
 * that copy is the one that failed, so it is discarded and copied afresh. A copy made for the task's
 * own attempt or a later one is never discarded: a stale redelivery of an old task must not wipe a
 * newer, possibly verified copy. An image without our markers for this source is never touched.
 *
 * @param source the {@code glance-migrator.source} marker
 * @param migration the {@code glance-migrator.migration} marker
 * @param attempt the {@code glance-migrator.attempt} marker, if it is a number
 * @param complete whether {@code glance-migrator.state} is {@code complete}
 * @param snapshotExists whether the image has the task's snapshot
 */
public record ExistingCopy(Optional<String> source, Optional<String> migration, OptionalInt attempt, boolean complete,
        boolean snapshotExists) {

    /** What to do with the existing image. */
    public enum Action {
        /** Ours, complete, and not proven stale: report it as copied, copy nothing. */
        REPORT_AGAIN,
        /** Ours, complete, made for an earlier attempt whose verification failed: remove it and copy again. */
        DISCARD_AND_COPY,
        /** Not a complete copy of this source made by the copier: refuse, touch nothing. */
        CONFLICT
    }

    /** @param sourceLabel how the copier names the task's source in its markers */
    public Action decide(CopyTask task, String sourceLabel) {
        if (!complete || !source.equals(Optional.of(sourceLabel))) {
            return Action.CONFLICT;
        }
        if (madeForAnEarlierAttemptOf(task) && task.retryReason() == RetryReason.VERIFICATION_FAILED) {
            return Action.DISCARD_AND_COPY;
        }
        // A copy cut short while being discarded has lost its snapshot: only a retry may finish the job.
        return snapshotExists ? Action.REPORT_AGAIN : Action.CONFLICT;
    }

    /** Whether the markers prove the copy was made in the task's migration for an attempt before the task's. */
    public boolean madeForAnEarlierAttemptOf(CopyTask task) {
        return migration.equals(Optional.of(task.migrationId().toString())) && attempt.isPresent()
                && attempt.getAsInt() < task.attempt();
    }

    /** Parses the attempt marker; anything but a positive number proves nothing. */
    static OptionalInt attemptOf(Optional<String> marker) {
        try {
            return marker.map(Integer::parseInt).filter(n -> n > 0).map(OptionalInt::of).orElse(OptionalInt.empty());
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
