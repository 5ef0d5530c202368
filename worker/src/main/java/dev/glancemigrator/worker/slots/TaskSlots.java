package dev.glancemigrator.worker.slots;

/**
 * The slots of one service instance, in two sets: small tasks (at most {@code smallTaskBytes}) have
 * slots of their own. A large task is bound by bandwidth and CPU, so few run at once; a small one
 * (a 1 MiB image) is bound by latency — a few dozen round trips to the OSDs — and would leave the
 * large slots idle while it waits, so many run at once without taking from the large tasks.
 */
public final class TaskSlots {

    private final LargestFirstSlots large;
    private final LargestFirstSlots small;
    private final long smallTaskBytes;

    public TaskSlots(int largeSlots, int smallSlots, long smallTaskBytes) {
        if (smallTaskBytes < 0) {
            throw new IllegalArgumentException("the small-task bound cannot be negative: " + smallTaskBytes);
        }
        this.large = new LargestFirstSlots(largeSlots);
        this.small = new LargestFirstSlots(smallSlots);
        this.smallTaskBytes = smallTaskBytes;
    }

    /** A hold on a slot of the set the task's size belongs to. */
    public LargestFirstSlots.Lease lease(long sizeBytes) {
        return (sizeBytes <= smallTaskBytes ? small : large).lease(sizeBytes);
    }

    /** Tasks waiting for a slot, in both sets. */
    public int waiting() {
        return large.waiting() + small.waiting();
    }
}
