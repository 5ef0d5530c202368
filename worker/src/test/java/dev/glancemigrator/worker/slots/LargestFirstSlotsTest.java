package dev.glancemigrator.worker.slots;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LargestFirstSlotsTest {

    @Test
    void waitingTasksGetTheFreedSlotLargestFirstWhateverTheirArrivalOrder() throws Exception {
        LargestFirstSlots slots = new LargestFirstSlots(1);
        slots.acquire(1);
        List<Long> started = new CopyOnWriteArrayList<>();
        List<Thread> tasks = List.of(task(slots, 10, started), task(slots, 30, started), task(slots, 20, started));
        awaitWaiting(slots, 3);

        slots.release();
        for (Thread task : tasks) {
            task.join();
        }
        assertEquals(List.of(30L, 20L, 10L), started);
    }

    @Test
    void freeSlotsAreTakenAtOnce() throws Exception {
        LargestFirstSlots slots = new LargestFirstSlots(2);
        slots.acquire(5);
        slots.acquire(7);
        assertEquals(0, slots.waiting());
    }

    @Test
    void anInterruptedWaiterLeavesTheQueueAndTheNextOneGoes() throws Exception {
        LargestFirstSlots slots = new LargestFirstSlots(1);
        slots.acquire(1);
        List<Long> started = new CopyOnWriteArrayList<>();
        Thread big = new Thread(() -> {
            try {
                slots.acquire(100);
            } catch (InterruptedException e) {
                started.add(-100L);
            }
        });
        big.start();
        awaitWaiting(slots, 1);
        Thread small = task(slots, 5, started);
        awaitWaiting(slots, 2);

        big.interrupt();
        big.join();
        slots.release();
        small.join();
        assertEquals(List.of(-100L, 5L), started);
        assertEquals(0, slots.waiting());
    }

    @Test
    void aLeaseFreesItsSlotOnceAndCanTakeOneAgain() throws Exception {
        LargestFirstSlots slots = new LargestFirstSlots(1);
        try (LargestFirstSlots.Lease lease = slots.lease(10)) {
            lease.hold();
            lease.hold(); // already held: no second slot, no deadlock
            lease.free();
            lease.free();
            slots.acquire(1); // the one slot is free again
            slots.release();
            lease.hold();
        }
        slots.acquire(1); // closing the lease freed it
        slots.release();
    }

    @Test
    void zeroSlotsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LargestFirstSlots(0));
    }

    /** Takes a slot, records its size, and gives the slot back. */
    private static Thread task(LargestFirstSlots slots, long size, List<Long> started) {
        Thread thread = new Thread(() -> {
            try {
                slots.acquire(size);
                started.add(size);
                slots.release();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        return thread;
    }

    private static void awaitWaiting(LargestFirstSlots slots, int count) {
        await(count + " waiting").atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5)).until(() -> slots.waiting() >= count);
    }
}
