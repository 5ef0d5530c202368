package dev.glancemigrator.worker.progress;

import java.time.Duration;

/** Turns "reached offset X" calls into throttled progress reports with a rate. */
public final class ProgressMeter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long total;
    private final long intervalNanos;
    private final ProgressListener listener;
    private final long startNanos = System.nanoTime();
    private long lastReportNanos = startNanos;
    private long reached;

    public ProgressMeter(long total, Duration interval, ProgressListener listener) {
        this.total = total;
        this.intervalNanos = interval.toNanos();
        this.listener = listener;
    }

    public void reached(long offset) {
        reached = offset;
        long now = System.nanoTime();
        if (now - lastReportNanos >= intervalNanos) {
            lastReportNanos = now;
            report(now);
        }
    }

    /** Reports the whole as done, whatever the interval. */
    public void finish() {
        reached = total;
        report(System.nanoTime());
    }

    private void report(long now) {
        long elapsed = Math.max(1, now - startNanos);
        listener.progress(reached, total, (long) ((double) reached * NANOS_PER_SECOND / elapsed));
    }
}
