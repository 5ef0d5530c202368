package dev.glancemigrator.copier.task;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The copy slots of one copier, handed to the waiting tasks largest first. Kafka delivers tasks in
 * partition order, not in the planner's order; taking the largest first (longest processing time
 * first) starts the long copies early, so a window does not end with one big copy running alone.
 */
final class LargestFirstPermits {

    private record Waiter(long sizeBytes, long arrival) {
    }

    private static final Comparator<Waiter> LARGEST_FIRST = Comparator.comparingLong(Waiter::sizeBytes).reversed()
            .thenComparingLong(Waiter::arrival);

    private final int slots;
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(LARGEST_FIRST);
    private int inUse;
    private long arrivals;

    LargestFirstPermits(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a copier needs at least one copy slot, not " + slots);
        }
        this.slots = slots;
    }

    /** Blocks until a slot is free and no larger task is waiting for one. */
    synchronized void acquire(long sizeBytes) throws InterruptedException {
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

    synchronized void release() {
        inUse--;
        notifyAll();
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
