package dev.glancemigrator.planner.ledger;

import dev.glancemigrator.events.RetryReason;

/**
 * The rules an image task follows when a copier or verifier reports on it; pure, so every rule is
 * tested without Kafka or a database.
 *
 * <p>Reports about another attempt than the task's current one are stale (a retry has been
 * published since) and change nothing. Success and progress move the task forward, never back, because
 * copy and verify reports travel on different topics and may be read in either order.
 */
public final class TaskLifecycle {

    private TaskLifecycle() {
    }

    /** A report about one attempt of one image. */
    public enum Report {
        COPY_PROGRESS(TaskState.COPYING),
        COPIED(TaskState.COPIED),
        COPY_FAILED(null),
        VERIFY_PROGRESS(TaskState.VERIFYING),
        VERIFIED(TaskState.VERIFIED),
        VERIFICATION_FAILED(null);

        /** Where the report moves the task; null for a failure. */
        final TaskState reaches;

        Report(TaskState reaches) {
            this.reaches = reaches;
        }
    }

    /** What to do with the task. */
    public sealed interface Outcome permits Advance, Retry, Fail, Ignore {
    }

    /** Record the report's facts; the task is now in {@code state} (possibly unchanged). */
    public record Advance(TaskState state) implements Outcome {
    }

    /** Publish the task again as {@code attempt}. */
    public record Retry(int attempt) implements Outcome {
    }

    /** The image is failed for good. */
    public record Fail(String why) implements Outcome {
    }

    /** Change nothing. */
    public record Ignore(String why) implements Outcome {
    }

    /**
     * @param retryable for a failure: whether another attempt may help (verification failures always
     *     may: the next copy overwrites the target)
     */
    public static Outcome next(TaskState state, int currentAttempt, Report report, int reportAttempt,
            boolean retryable, int maxAttempts) {
        if (!state.onWorkingPath()) {
            return new Ignore("the task is " + state.label());
        }
        if (reportAttempt != currentAttempt) {
            return new Ignore("report on attempt " + reportAttempt + ", the task is at attempt " + currentAttempt);
        }
        if (state == TaskState.VERIFIED) {
            return new Ignore("the image is verified already");
        }
        if (report.reaches != null) {
            return new Advance(state.furthest(report.reaches));
        }
        if (report == Report.COPY_FAILED && state.furthest(TaskState.COPIED) == state) {
            return new Ignore("copy failure reported after the copy of this attempt succeeded");
        }
        if (!retryable) {
            return new Fail("not retryable");
        }
        if (currentAttempt >= maxAttempts) {
            return new Fail("attempts exhausted (" + maxAttempts + ")");
        }
        return new Retry(currentAttempt + 1);
    }

    /**
     * Why the retry after {@code failure} is published, given the reason of the attempt that failed. A
     * failed verification makes it {@code VERIFICATION_FAILED}: the copier may then replace its own copy.
     * A copy failure keeps that reason when the failing attempt was itself a retry after a failed
     * verification, since the copy that failed verification may still be on the target.
     */
    public static RetryReason retryReason(Report failure, RetryReason failedAttemptReason) {
        if (failure == Report.VERIFICATION_FAILED || failedAttemptReason == RetryReason.VERIFICATION_FAILED) {
            return RetryReason.VERIFICATION_FAILED;
        }
        return RetryReason.COPY_FAILED;
    }
}
