package dev.glancemigrator.planner.status;

import dev.glancemigrator.planner.config.PlannerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each migration's copy rate, fed by the ledger as copy progress and completions arrive. Kept in
 * memory: after a restart the rate is unknown until the next window of reports.
 */
@ApplicationScoped
public class CopyThroughput {

    private final PlannerConfig config;
    private final Map<String, ThroughputWindow> windows = new ConcurrentHashMap<>();

    public CopyThroughput(PlannerConfig config) {
        this.config = config;
    }

    public void copied(String migrationId, Instant at, long bytes) {
        ThroughputWindow window = windows.computeIfAbsent(migrationId,
                id -> new ThroughputWindow(config.status().rateWindow()));
        synchronized (window) {
            window.record(at, bytes);
        }
    }

    public long bytesPerSecond(String migrationId, Instant now) {
        ThroughputWindow window = windows.get(migrationId);
        if (window == null) {
            return 0;
        }
        synchronized (window) {
            return window.bytesPerSecond(now);
        }
    }
}
