package dev.glancemigrator.planner.status;

import dev.glancemigrator.planner.config.PlannerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each migration's copy rate, and each copier host's share of it, fed by the ledger as copy
 * progress and completions arrive. Kept in memory: after a restart the rate is unknown until the
 * next window of reports.
 */
@ApplicationScoped
public class CopyThroughput {

    private final PlannerConfig config;
    private final Map<String, ThroughputWindow> windows = new ConcurrentHashMap<>();
    private final Map<String, Map<String, ThroughputWindow>> hostWindows = new ConcurrentHashMap<>();

    public CopyThroughput(PlannerConfig config) {
        this.config = config;
    }

    public void copied(String migrationId, String host, Instant at, long bytes) {
        record(windows.computeIfAbsent(migrationId, id -> newWindow()), at, bytes);
        if (host != null) {
            record(hostWindows.computeIfAbsent(migrationId, id -> new ConcurrentHashMap<>())
                    .computeIfAbsent(host, h -> newWindow()), at, bytes);
        }
    }

    public long bytesPerSecond(String migrationId, Instant now) {
        return rate(windows.get(migrationId), now);
    }

    /** Each host's copy rate over the window, for the hosts that reported in this planner's lifetime. */
    public Map<String, Long> bytesPerSecondByHost(String migrationId, Instant now) {
        Map<String, Long> rates = new TreeMap<>();
        hostWindows.getOrDefault(migrationId, Map.of()).forEach((host, window) -> rates.put(host, rate(window, now)));
        return rates;
    }

    private ThroughputWindow newWindow() {
        return new ThroughputWindow(config.status().rateWindow());
    }

    private static void record(ThroughputWindow window, Instant at, long bytes) {
        synchronized (window) {
            window.record(at, bytes);
        }
    }

    private static long rate(ThroughputWindow window, Instant now) {
        if (window == null) {
            return 0;
        }
        synchronized (window) {
            return window.bytesPerSecond(now);
        }
    }
}
