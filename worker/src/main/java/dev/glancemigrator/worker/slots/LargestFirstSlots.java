package dev.glancemigrator.worker.slots;

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

    /**
     * A task's hold on a slot that it may give up early and take again: a copy frees its slot while
     * it waits on the monitor for its snapshot, and takes one again if it has to start over.
     */
    public Lease lease(long sizeBytes) {
        return new Lease(sizeBytes);
    }

    /** Tasks waiting for a slot. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** One task's hold on a slot; not shared between threads. */
    public final class Lease implements AutoCloseable {

        private final long sizeBytes;
        private boolean held;

        private Lease(long sizeBytes) {
            this.sizeBytes = sizeBytes;
        }

        /** Takes a slot unless this lease holds one already. */
        public void hold() throws InterruptedException {
            if (!held) {
                acquire(sizeBytes);
                held = true;
            }
        }

        /** Gives the slot back, if held. */
        public void free() {
            if (held) {
                held = false;
                release();
            }
        }

        @Override
        public void close() {
            free();
        }
    }
}
