package dev.glancemigrator.planner.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateAndEtaTest {

    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @Test
    void theRateIsTheBytesInsideTheWindowOverItsLength() {
        ThroughputWindow window = new ThroughputWindow(Duration.ofSeconds(10));
        window.record(T0.minusSeconds(20), 1);
        window.record(T0, 1000);
        window.record(T0.plusSeconds(5), 4000);
        assertEquals(500, window.bytesPerSecond(T0.plusSeconds(9)));
        // The first sample has left the window.
        assertEquals(400, window.bytesPerSecond(T0.plusSeconds(11)));
        assertEquals(0, window.bytesPerSecond(T0.plusSeconds(16)));
    }

    @Test
    void aMigrationYoungerThanTheWindowIsRatedOverItsOwnAge() {
        ThroughputWindow window = new ThroughputWindow(Duration.ofMinutes(2));
        window.record(T0, 1000);
        window.record(T0.plusSeconds(4), 3000);
        assertEquals(1000, window.bytesPerSecond(T0.plusSeconds(4)));
    }

    @Test
    void samplesArrivingOutOfOrderCountOnlyInsideTheWindow() {
        ThroughputWindow window = new ThroughputWindow(Duration.ofSeconds(10));
        window.record(T0.plusSeconds(20), 1000);
        window.record(T0, 5000);
        assertEquals(100, window.bytesPerSecond(T0.plusSeconds(21)));
    }

    @Test
    void aReplayedOldReportDoesNotCountAsCurrent() {
        ThroughputWindow window = new ThroughputWindow(Duration.ofSeconds(10));
        window.record(T0.minus(Duration.ofHours(1)), 1_000_000);
        assertEquals(0, window.bytesPerSecond(T0));
    }

    @Test
    void theWindowMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ThroughputWindow(Duration.ZERO));
    }

    @Test
    void etaIsRemainingOverRateRoundedUpAndUnknownWhileNothingMoves() {
        assertEquals(Optional.of(Duration.ofSeconds(4)), Eta.of(1000, 300));
        assertEquals(Optional.of(Duration.ofSeconds(2)), Eta.of(1000, 500));
        assertEquals(Optional.empty(), Eta.of(1000, 0));
        assertEquals(Optional.of(Duration.ZERO), Eta.of(0, 0));
    }
}
