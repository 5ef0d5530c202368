package dev.glancemigrator.planner.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bytes done over a moving window: the current rate, not the average since the start, so the ETA
 * follows what copiers achieve now (more hosts added, a slow stretch). Not thread-safe on its own.
 */
public final class ThroughputWindow {

    private record Sample(Instant at, long bytes) {
    }

    private final Duration window;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public ThroughputWindow(Duration window) {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("the rate window must be positive, was " + window);
        }
        this.window = window;
    }

    /** {@code bytes} were done at {@code at} (the reporter's time, so replayed old reports fall outside). */
    public void record(Instant at, long bytes) {
        if (bytes > 0) {
            samples.addLast(new Sample(at, bytes));
        }
    }

    /** Bytes per second over the window that ends at {@code now}. */
    public long bytesPerSecond(Instant now) {
        Instant start = now.minus(window);
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(start)) {
            samples.removeFirst();
        }
        // Reports from several hosts arrive slightly out of order: the bounds are checked per sample.
        long bytes = samples.stream().filter(s -> !s.at().isBefore(start) && !s.at().isAfter(now))
                .mapToLong(Sample::bytes).sum();
        return Math.round(bytes * 1000.0 / window.toMillis());
    }
}
