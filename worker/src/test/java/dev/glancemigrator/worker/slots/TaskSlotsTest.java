package dev.glancemigrator.worker.slots;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TaskSlotsTest {

    private static final long SMALL = 64;

    @Test
    void smallTasksRunWhileEveryLargeSlotIsTaken() throws Exception {
        TaskSlots slots = new TaskSlots(1, 2, SMALL);
        slots.lease(1_000).hold();

        LargestFirstSlots.Lease first = slots.lease(SMALL);
        LargestFirstSlots.Lease second = slots.lease(1);
        first.hold();
        second.hold();

        assertEquals(0, slots.waiting());
    }

    @Test
    void aLargeTaskWaitsForALargeSlotEvenWhenSmallSlotsAreFree() throws Exception {
        TaskSlots slots = new TaskSlots(1, 4, SMALL);
        LargestFirstSlots.Lease running = slots.lease(SMALL + 1);
        running.hold();

        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> hold(slots.lease(SMALL + 1)));
        await("the large task waiting").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> slots.waiting() == 1);
        running.free();
        next.get(5, TimeUnit.SECONDS);
        assertEquals(0, slots.waiting());
    }

    @Test
    void smallTasksBeyondTheirSlotsWait() throws Exception {
        TaskSlots slots = new TaskSlots(4, 1, SMALL);
        slots.lease(1).hold();

        Thread second = new Thread(() -> hold(slots.lease(2)));
        second.start();
        try {
            await("the second small task waiting").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                    .until(() -> slots.waiting() == 1);
        } finally {
            second.interrupt();
            second.join();
        }
    }

    @Test
    void aNegativeSmallTaskBoundIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TaskSlots(1, 1, -1));
    }

    private static void hold(LargestFirstSlots.Lease lease) {
        try {
            lease.hold();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
