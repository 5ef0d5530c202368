package dev.glancemigrator.cutover.run;

import dev.glancemigrator.cutover.plan.Blocker;
import java.util.List;

/** The request cannot run in the current state: a precondition fails, or another run holds the lock. */
public class CutoverConflictException extends RuntimeException {

    private final List<Blocker> blockers;

    public CutoverConflictException(String message, List<Blocker> blockers) {
        super(message);
        this.blockers = List.copyOf(blockers);
    }

    public CutoverConflictException(String message) {
        this(message, List.of());
    }

    public List<Blocker> blockers() {
        return blockers;
    }
}
