package dev.glancemigrator.planner.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.planner.ledger.TaskState;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class StuckRuleTest {

    @Test
    void whileTheMigrationMovesOnlyASilentWorkerMakesAnImageStuck() {
        assertEquals(List.of(TaskState.COPYING, TaskState.VERIFYING), StuckRule.statesToCheck(true));
    }

    @Test
    void whenNothingMovesEveryWaitingImageIsStuck() {
        assertEquals(List.of(TaskState.PLANNED, TaskState.COPYING, TaskState.COPIED, TaskState.VERIFYING),
                StuckRule.statesToCheck(false));
    }

    @Test
    void eachStateSaysWhatItWaitsFor() {
        assertEquals("a copier to take its copy task", StuckRule.waitingFor(TaskState.PLANNED, false));
        assertTrue(StuckRule.waitingFor(TaskState.PLANNED, true).startsWith("the outbox relay"));
        assertTrue(StuckRule.waitingFor(TaskState.COPYING, false).startsWith("the copier's result"));
        assertEquals("a verifier to verify its copy", StuckRule.waitingFor(TaskState.COPIED, false));
        assertTrue(StuckRule.waitingFor(TaskState.VERIFYING, false).startsWith("the verifier's result"));
        assertThrows(IllegalArgumentException.class, () -> StuckRule.waitingFor(TaskState.VERIFIED, false));
    }

    @Test
    void theOldestAreListedUpToTheLimitAndMoreSaysThereAreOthers() {
        StuckRule.Listing<Integer> listing = StuckRule.oldestFirst(List.of(5, 1, 4, 2), Comparator.naturalOrder(), 3);
        assertEquals(List.of(1, 2, 4), listing.items());
        assertTrue(listing.more());
        StuckRule.Listing<Integer> all = StuckRule.oldestFirst(List.of(2, 1), Comparator.naturalOrder(), 3);
        assertEquals(List.of(1, 2), all.items());
        assertFalse(all.more());
    }
}
