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

    /** The shortest span a rate is taken over, so one early report does not read as a burst. */
    private static final Duration MIN_SPAN = Duration.ofSeconds(1);

    private final Duration window;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private Instant firstReport;

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
            if (firstReport == null || at.isBefore(firstReport)) {
                firstReport = at;
            }
        }
    }

    /**
     * Bytes per second over the window that ends at {@code now}; while the work is younger than the
     * window, over the time since the first report (else a fresh migration would look slow).
     */
    public long bytesPerSecond(Instant now) {
        Instant start = now.minus(window);
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(start)) {
            samples.removeFirst();
        }
        // Reports from several hosts arrive slightly out of order: the bounds are checked per sample.
        long bytes = samples.stream().filter(s -> !s.at().isBefore(start) && !s.at().isAfter(now))
                .mapToLong(Sample::bytes).sum();
        Duration span = window;
        if (firstReport != null && firstReport.isAfter(start)) {
            Duration young = Duration.between(firstReport, now);
            span = young.compareTo(MIN_SPAN) < 0 ? MIN_SPAN : young;
        }
        return Math.round(bytes * 1000.0 / span.toMillis());
    }
}
