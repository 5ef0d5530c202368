package dev.glancemigrator.cutover.run;

import dev.glancemigrator.cutover.guard.GuardHolder;
import dev.glancemigrator.cutover.plan.Blocker;
import java.util.List;

/**
 * The request cannot run in the current state: a precondition fails (the blockers), another instance runs a
 * cutover or rollback (the holder of the guard), or there is nothing to do.
 */
public class CutoverConflictException extends RuntimeException {

    private final List<Blocker> blockers;
    private final transient GuardHolder holder;

    public CutoverConflictException(String message, List<Blocker> blockers) {
        super(message);
        this.blockers = List.copyOf(blockers);
        this.holder = null;
    }

    public CutoverConflictException(String message, GuardHolder holder) {
        super(message);
        this.blockers = List.of();
        this.holder = holder;
    }

    public CutoverConflictException(String message) {
        this(message, List.of());
    }

    public List<Blocker> blockers() {
        return blockers;
    }

    /** Who holds the guard, when that is why; null otherwise. */
    public GuardHolder holder() {
        return holder;
    }
}
