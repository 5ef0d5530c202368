package dev.glancemigrator.cutover.guard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GuardsTimingTest {

    @Test
    void aLeaseMustOutlastThreeRenewalIntervalsSoThatARenewalOrTwoMayFail() {
        assertDoesNotThrow(() -> Guards.checkTiming(Duration.ofSeconds(60), Duration.ofSeconds(10)));
        assertDoesNotThrow(() -> Guards.checkTiming(Duration.ofSeconds(6), Duration.ofSeconds(2)));
        assertThrows(IllegalStateException.class, () -> Guards.checkTiming(Duration.ofSeconds(6), Duration.ofSeconds(3)));
        assertThrows(IllegalStateException.class, () -> Guards.checkTiming(Duration.ofSeconds(6), Duration.ZERO));
    }
}
