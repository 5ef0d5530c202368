package dev.glancemigrator.copier.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LargestFirstPermitsTest {

    @Test
    void waitingTasksGetTheFreedSlotLargestFirstWhateverTheirArrivalOrder() throws Exception {
        LargestFirstPermits permits = new LargestFirstPermits(1);
        permits.acquire(1);
        List<Long> started = new CopyOnWriteArrayList<>();
        List<Thread> tasks = List.of(task(permits, 10, started), task(permits, 30, started), task(permits, 20, started));
        awaitWaiting(permits, 3);

        permits.release();
        for (Thread task : tasks) {
            task.join();
        }
        assertEquals(List.of(30L, 20L, 10L), started);
    }

    @Test
    void freeSlotsAreTakenAtOnce() throws Exception {
        LargestFirstPermits permits = new LargestFirstPermits(2);
        permits.acquire(5);
        permits.acquire(7);
        assertEquals(0, permits.waiting());
    }

    @Test
    void anInterruptedWaiterLeavesTheQueueAndTheNextOneGoes() throws Exception {
        LargestFirstPermits permits = new LargestFirstPermits(1);
        permits.acquire(1);
        List<Long> started = new CopyOnWriteArrayList<>();
        Thread big = new Thread(() -> {
            try {
                permits.acquire(100);
            } catch (InterruptedException e) {
                started.add(-100L);
            }
        });
        big.start();
        awaitWaiting(permits, 1);
        Thread small = task(permits, 5, started);
        awaitWaiting(permits, 2);

        big.interrupt();
        big.join();
        permits.release();
        small.join();
        assertEquals(List.of(-100L, 5L), started);
        assertEquals(0, permits.waiting());
    }

    @Test
    void aCopierWithoutSlotsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LargestFirstPermits(0));
    }

    /** Takes a slot, records its size, and gives the slot back. */
    private static Thread task(LargestFirstPermits permits, long size, List<Long> started) {
        Thread thread = new Thread(() -> {
            try {
                permits.acquire(size);
                started.add(size);
                permits.release();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        return thread;
    }

    private static void awaitWaiting(LargestFirstPermits permits, int count) throws InterruptedException {
        while (permits.waiting() < count) {
            Thread.sleep(5);
        }
    }
}
