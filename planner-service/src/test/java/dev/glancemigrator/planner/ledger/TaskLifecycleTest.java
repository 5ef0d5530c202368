package dev.glancemigrator.planner.ledger;

import static dev.glancemigrator.planner.ledger.TaskLifecycle.Report.COPIED;
import static dev.glancemigrator.planner.ledger.TaskLifecycle.Report.COPY_FAILED;
import static dev.glancemigrator.planner.ledger.TaskLifecycle.Report.COPY_PROGRESS;
import static dev.glancemigrator.planner.ledger.TaskLifecycle.Report.VERIFICATION_FAILED;
import static dev.glancemigrator.planner.ledger.TaskLifecycle.Report.VERIFIED;
import static dev.glancemigrator.planner.ledger.TaskLifecycle.Report.VERIFY_PROGRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.glancemigrator.events.RetryReason;
import org.junit.jupiter.api.Test;

class TaskLifecycleTest {

    private static final int MAX = 3;

    private static TaskLifecycle.Outcome next(TaskState state, int attempt, TaskLifecycle.Report report, int reported) {
        return TaskLifecycle.next(state, attempt, report, reported, true, MAX);
    }

    @Test
    void reportsWalkTheWorkingPathForward() {
        assertEquals(new TaskLifecycle.Advance(TaskState.COPYING), next(TaskState.PLANNED, 1, COPY_PROGRESS, 1));
        assertEquals(new TaskLifecycle.Advance(TaskState.COPIED), next(TaskState.COPYING, 1, COPIED, 1));
        assertEquals(new TaskLifecycle.Advance(TaskState.VERIFYING), next(TaskState.COPIED, 1, VERIFY_PROGRESS, 1));
        assertEquals(new TaskLifecycle.Advance(TaskState.VERIFIED), next(TaskState.VERIFYING, 1, VERIFIED, 1));
    }

    @Test
    void aLateReportNeverMovesATaskBack() {
        // The verifier read the copy result before the planner did: copy-results and verify-results race.
        assertEquals(new TaskLifecycle.Advance(TaskState.VERIFYING), next(TaskState.VERIFYING, 1, COPIED, 1));
        assertEquals(new TaskLifecycle.Advance(TaskState.COPIED), next(TaskState.COPIED, 1, COPY_PROGRESS, 1));
        assertEquals(new TaskLifecycle.Advance(TaskState.VERIFIED), next(TaskState.PLANNED, 1, VERIFIED, 1));
    }

    @Test
    void reportsOnAnotherAttemptAreStale() {
        assertInstanceOf(TaskLifecycle.Ignore.class, next(TaskState.PLANNED, 2, COPIED, 1));
        assertInstanceOf(TaskLifecycle.Ignore.class, next(TaskState.PLANNED, 2, VERIFICATION_FAILED, 1));
        assertInstanceOf(TaskLifecycle.Ignore.class, next(TaskState.PLANNED, 2, COPY_PROGRESS, 3));
    }

    @Test
    void failuresRetryWithTheNextAttemptUntilMaxAttempts() {
        assertEquals(new TaskLifecycle.Retry(2), next(TaskState.VERIFYING, 1, VERIFICATION_FAILED, 1));
        assertEquals(new TaskLifecycle.Retry(3), next(TaskState.COPYING, 2, COPY_FAILED, 2));
        assertInstanceOf(TaskLifecycle.Fail.class, next(TaskState.COPYING, 3, COPY_FAILED, 3));
        assertInstanceOf(TaskLifecycle.Fail.class, next(TaskState.COPIED, 3, VERIFICATION_FAILED, 3));
    }

    @Test
    void aCopyFailureThatIsNotRetryableFailsAtOnce() {
        assertInstanceOf(TaskLifecycle.Fail.class, TaskLifecycle.next(TaskState.PLANNED, 1, COPY_FAILED, 1, false, MAX));
    }

    @Test
    void finalStatesIgnoreReports() {
        for (TaskState state : new TaskState[] {TaskState.VERIFIED, TaskState.FAILED, TaskState.SKIPPED,
                TaskState.OUT_OF_SCOPE}) {
            for (TaskLifecycle.Report report : TaskLifecycle.Report.values()) {
                assertInstanceOf(TaskLifecycle.Ignore.class, next(state, 1, report, 1), state + " " + report);
            }
        }
    }

    @Test
    void aRetrySaysWhyAndACopyFailureAfterAFailedVerificationStaysAVerificationRetry() {
        assertEquals(RetryReason.VERIFICATION_FAILED, TaskLifecycle.retryReason(VERIFICATION_FAILED, null));
        assertEquals(RetryReason.COPY_FAILED, TaskLifecycle.retryReason(COPY_FAILED, null));
        assertEquals(RetryReason.COPY_FAILED, TaskLifecycle.retryReason(COPY_FAILED, RetryReason.COPY_FAILED));
        assertEquals(RetryReason.VERIFICATION_FAILED, TaskLifecycle.retryReason(VERIFICATION_FAILED, RetryReason.COPY_FAILED));
        // the copy that failed verification may still be on the target: the next copier may replace it
        assertEquals(RetryReason.VERIFICATION_FAILED, TaskLifecycle.retryReason(COPY_FAILED, RetryReason.VERIFICATION_FAILED));
    }

    @Test
    void aCopyFailureAfterTheCopySucceededIsIgnored() {
        assertInstanceOf(TaskLifecycle.Ignore.class, next(TaskState.COPIED, 1, COPY_FAILED, 1));
        assertInstanceOf(TaskLifecycle.Ignore.class, next(TaskState.VERIFYING, 1, COPY_FAILED, 1));
    }
}
