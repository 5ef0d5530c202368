package dev.glancemigrator.worker.readiness;

import java.util.Map;

/**
 * Something a worker cannot work without: a cluster, a database. A service makes one a bean and
 * {@link Dependencies} probes it with the others; while it does not answer, no task is taken and a
 * task that fails is not counted as failed, only held until it answers again.
 */
public interface Dependency {

    /**
     * Checks now, within a bounded time. Empty when usable; else what is wrong, by part (a cluster's
     * name, {@code glance-database}), in words that name no secret.
     */
    Map<String, String> problems();
}
