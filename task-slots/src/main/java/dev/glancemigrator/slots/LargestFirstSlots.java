package dev.glancemigrator.slots;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The slots one service instance runs its long tasks in (copies, verifications), handed to the
 * waiting tasks largest first. Kafka delivers tasks in partition order, not in the planner's
 * order; taking the largest first (longest processing time first) starts the long tasks early, so
 * a maintenance window does not end with one big task running alone.
 */
public final class LargestFirstSlots {

    private record Waiter(long sizeBytes, long arrival) {
    }

    private static final Comparator<Waiter> LARGEST_FIRST = Comparator.comparingLong(Waiter::sizeBytes).reversed()
            .thenComparingLong(Waiter::arrival);

    private final int slots;
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(LARGEST_FIRST);
    private int inUse;
    private long arrivals;

    public LargestFirstSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("at least one slot is needed, not " + slots);
        }
        this.slots = slots;
    }

    /** Blocks until a slot is free and no larger task is waiting for one. */
    public synchronized void acquire(long sizeBytes) throws InterruptedException {
        Waiter me = new Waiter(sizeBytes, arrivals++);
        waiting.add(me);
        try {
            while (inUse >= slots || waiting.peek() != me) {
                wait();
            }
        } catch (InterruptedException e) {
            waiting.remove(me);
            notifyAll(); // the next in line may be free to go now
            throw e;
        }
        waiting.poll();
        inUse++;
        notifyAll(); // a slot may still be free for the next in line
    }

    public synchronized void release() {
        inUse--;
        notifyAll();
    }

    /** Tasks waiting for a slot. */
    public synchronized int waiting() {
        return waiting.size();
    }
}
