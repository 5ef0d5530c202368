package dev.glancemigrator.ceph.readiness;

import dev.glancemigrator.ceph.CephConnections;
import java.time.Duration;
import java.util.Map;

/**
 * The clusters a service reaches and how they are probed. Each service produces one from its own
 * configuration, so its property names stay its own and only it knows which clusters it writes to.
 *
 * @param probeName keeps the write probes of several instances apart
 */
public record ClusterSettings(Map<String, CephConnections.Access> clusters, Duration probeInterval,
        Duration cephTimeout, String probeName) {
}
