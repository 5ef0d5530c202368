package dev.glancemigrator.copier.copy;

import dev.glancemigrator.events.CopyFailureReason;

/** A copy that no retry can make succeed; it carries the reason the planner is told. */
public class PermanentCopyFailure extends RuntimeException {

    private final CopyFailureReason reason;

    public PermanentCopyFailure(CopyFailureReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CopyFailureReason reason() {
        return reason;
    }
}
