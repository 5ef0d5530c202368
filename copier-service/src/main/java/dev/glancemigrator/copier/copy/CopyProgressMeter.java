package dev.glancemigrator.copier.copy;

import java.time.Duration;

/** Turns "reached offset X" calls into throttled progress reports with a rate. */
final class CopyProgressMeter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long total;
    private final long intervalNanos;
    private final CopyProgressListener listener;
    private final long startNanos = System.nanoTime();
    private long lastReportNanos = startNanos;
    private long reached;

    CopyProgressMeter(long total, Duration interval, CopyProgressListener listener) {
        this.total = total;
        this.intervalNanos = interval.toNanos();
        this.listener = listener;
    }

    void reached(long offset) {
        reached = offset;
        long now = System.nanoTime();
        if (now - lastReportNanos >= intervalNanos) {
            lastReportNanos = now;
            report(now);
        }
    }

    void finish() {
        reached = total;
        report(System.nanoTime());
    }

    private void report(long now) {
        long elapsed = Math.max(1, now - startNanos);
        listener.progress(reached, total, (long) ((double) reached * NANOS_PER_SECOND / elapsed));
    }
}
