package dev.glancemigrator.copier.copy;

import static dev.glancemigrator.copier.copy.ExistingCopy.Action.CONFLICT;
import static dev.glancemigrator.copier.copy.ExistingCopy.Action.DISCARD_AND_COPY;
import static dev.glancemigrator.copier.copy.ExistingCopy.Action.REPORT_AGAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.EventHeader;
import dev.glancemigrator.events.RbdImageRef;
import dev.glancemigrator.events.RetryReason;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When a copier may discard the copy under the final name: only its own, of this source, of an earlier attempt that failed verification. */
class ExistingCopyTest {

    private static final String SOURCE = "old:images/img@snap (fsid f)";
    private static final UUID MIGRATION = UUID.randomUUID();

    private static CopyTask task(int attempt, RetryReason reason) {
        return task(MIGRATION, attempt, reason);
    }

    private static CopyTask task(UUID migration, int attempt, RetryReason reason) {
        return new CopyTask(EventHeader.now(CopyTask.SCHEMA_VERSION, migration, attempt, "planner"), "img",
                null, 1, new RbdImageRef("old", "f", "images", "img", "snap"), new RbdImageRef("new", null, "images", "img", null),
                reason);
    }

    /** A complete copy of SOURCE made by the copier in MIGRATION for {@code attempt}, with its snapshot. */
    private static ExistingCopy ours(int attempt) {
        return new ExistingCopy(Optional.of(SOURCE), Optional.of(MIGRATION.toString()), OptionalInt.of(attempt), true, true);
    }

    @Test
    void aCopyForTheSameAttemptIsReportedAgainWhateverTheReason() {
        assertEquals(REPORT_AGAIN, ours(2).decide(task(2, RetryReason.VERIFICATION_FAILED), SOURCE));
        assertEquals(REPORT_AGAIN, ours(1).decide(task(1, null), SOURCE));
    }

    @Test
    void aCopyForAnEarlierAttemptIsDiscardedWhenTheTaskRetriesAFailedVerification() {
        assertEquals(DISCARD_AND_COPY, ours(1).decide(task(2, RetryReason.VERIFICATION_FAILED), SOURCE));
        assertEquals(DISCARD_AND_COPY, ours(1).decide(task(3, RetryReason.VERIFICATION_FAILED), SOURCE));
    }

    @Test
    void aCopyForAnEarlierAttemptIsReportedAgainForAnyOtherReason() {
        assertEquals(REPORT_AGAIN, ours(1).decide(task(2, null), SOURCE));
        assertEquals(REPORT_AGAIN, ours(1).decide(task(2, RetryReason.COPY_FAILED), SOURCE));
        assertEquals(REPORT_AGAIN, ours(1).decide(task(2, RetryReason.UNKNOWN), SOURCE));
    }

    @Test
    void aStaleTaskNeverDiscardsANewerCopy() {
        assertEquals(REPORT_AGAIN, ours(2).decide(task(1, null), SOURCE));
        assertEquals(REPORT_AGAIN, ours(3).decide(task(2, RetryReason.VERIFICATION_FAILED), SOURCE));
    }

    @Test
    void anotherMigrationsCopyOrAnUnreadableAttemptProvesNothing() {
        assertEquals(REPORT_AGAIN, ours(1).decide(task(UUID.randomUUID(), 2, RetryReason.VERIFICATION_FAILED), SOURCE));
        ExistingCopy noAttempt = new ExistingCopy(Optional.of(SOURCE), Optional.of(MIGRATION.toString()),
                ExistingCopy.attemptOf(Optional.of("two")), true, true);
        assertEquals(REPORT_AGAIN, noAttempt.decide(task(2, RetryReason.VERIFICATION_FAILED), SOURCE));
        assertEquals(OptionalInt.empty(), ExistingCopy.attemptOf(Optional.of("0")));
        assertEquals(OptionalInt.of(7), ExistingCopy.attemptOf(Optional.of("7")));
    }

    @Test
    void aForeignImageIsAConflictAndNeverDiscarded() {
        ExistingCopy unmarked = new ExistingCopy(Optional.empty(), Optional.empty(), OptionalInt.empty(), false, true);
        ExistingCopy otherSource = new ExistingCopy(Optional.of("old:images/other@snap (fsid f)"),
                Optional.of(MIGRATION.toString()), OptionalInt.of(1), true, true);
        for (ExistingCopy foreign : new ExistingCopy[] {unmarked, otherSource}) {
            assertEquals(CONFLICT, foreign.decide(task(2, RetryReason.VERIFICATION_FAILED), SOURCE));
            assertEquals(CONFLICT, foreign.decide(task(1, null), SOURCE));
        }
    }

    @Test
    void anIncompleteImageUnderTheFinalNameIsAConflict() {
        ExistingCopy incomplete = new ExistingCopy(Optional.of(SOURCE), Optional.of(MIGRATION.toString()), OptionalInt.of(1),
                false, true);
        assertEquals(CONFLICT, incomplete.decide(task(2, RetryReason.VERIFICATION_FAILED), SOURCE));
    }

    @Test
    void aDiscardCutShortBeforeTheImageWasRemovedIsFinishedOnlyByTheRetry() {
        // snapshot already removed, image still there
        ExistingCopy halfDiscarded = new ExistingCopy(Optional.of(SOURCE), Optional.of(MIGRATION.toString()),
                OptionalInt.of(1), true, false);
        assertEquals(DISCARD_AND_COPY, halfDiscarded.decide(task(2, RetryReason.VERIFICATION_FAILED), SOURCE));
        assertEquals(CONFLICT, halfDiscarded.decide(task(1, null), SOURCE));
    }
}
