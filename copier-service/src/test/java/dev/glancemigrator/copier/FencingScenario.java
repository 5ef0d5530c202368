package dev.glancemigrator.copier;

import java.time.Duration;
import java.util.Map;

/** What the tests of a copier fenced off mid-copy (frozen, or its host cut off) share. */
public final class FencingScenario {

    /**
     * Small I/O depth, so a large copy is still running when its copier is frozen or cut off;
     * frequent checkpoints, so the successor resumes rather than starts over; probes every second,
     * so the fenced copier notices its dead connection soon (the default is 5 s; the mechanism is
     * the same).
     */
    public static final Map<String, String> SLOW_COPIER = Map.of("COPIER_READS_IN_FLIGHT", "1",
            "COPIER_WRITES_IN_FLIGHT", "1", "COPIER_PROGRESS_INTERVAL", "100ms", "COPIER_LOCK_RETRY_INTERVAL", "1s",
            "COPIER_DRAIN_GRACE", "1s", "COPIER_CHECKPOINT_INTERVAL", "500ms", "COPIER_PROBE_INTERVAL", "1s");

    private FencingScenario() {
    }

    /** Seconds since {@code nanos} ({@link System#nanoTime()}), to a tenth. */
    public static String since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis() / 100 / 10.0 + " s";
    }
}
