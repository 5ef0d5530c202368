package dev.glancemigrator.verifier.verify;

import java.time.Duration;

/** Turns "reached offset X" calls into throttled progress reports with a rate. */
final class VerifyProgressMeter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long total;
    private final long intervalNanos;
    private final VerifyProgressListener listener;
    private final long startNanos = System.nanoTime();
    private long lastReportNanos = startNanos;

    VerifyProgressMeter(long total, Duration interval, VerifyProgressListener listener) {
        this.total = total;
        this.intervalNanos = interval.toNanos();
        this.listener = listener;
    }

    void reached(long offset) {
        long now = System.nanoTime();
        if (now - lastReportNanos >= intervalNanos) {
            lastReportNanos = now;
            listener.progress(offset, total, (long) ((double) offset * NANOS_PER_SECOND / Math.max(1, now - startNanos)));
        }
    }
}
