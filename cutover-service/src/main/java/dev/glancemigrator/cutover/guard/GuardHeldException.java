package dev.glancemigrator.cutover.guard;

/** The guard is held by another instance whose lease has not run out. */
public class GuardHeldException extends RuntimeException {

    private final transient GuardHolder holder;

    public GuardHeldException(String guard, GuardHolder holder) {
        super("guard '" + guard + "' is held: " + holder.describe());
        this.holder = holder;
    }

    public GuardHolder holder() {
        return holder;
    }
}
