package dev.glancemigrator.ceph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection per named cluster, made on first successful probe and then kept for the process's
 * life (copies hold it; librados reconnects by itself). {@link #probe()} asks every cluster whether
 * it answers with its key, has its pool, and (where the service writes) takes a write.
 */
public final class CephConnections implements AutoCloseable {

    /** How a service reaches one cluster, and whether it must be able to write there. */
    public record Access(Path conf, String clientId, String pool, boolean writable) {
    }

    private static final String PROBE_OBJECT = "glance-migrator.probe.";

    private final Map<String, Access> clusters;
    private final Duration timeout;
    private final String probeName;
    private final Map<String, CephCluster> connected = new ConcurrentHashMap<>();
    private volatile Map<String, String> problems = Map.of("*", "not probed yet");

    /** {@code probeName} keeps the write probes of several instances apart. */
    public CephConnections(Map<String, Access> clusters, Duration timeout, String probeName) {
        this.clusters = Map.copyOf(clusters);
        this.timeout = timeout;
        this.probeName = probeName;
    }

    /** Probes every cluster; returns true when all are usable. */
    public boolean probe() {
        Map<String, String> found = new LinkedHashMap<>();
        if (clusters.isEmpty()) {
            found.put("*", "no cluster configured");
        }
        clusters.forEach((name, access) -> {
            try {
                probe(name, access);
            } catch (RuntimeException e) {
                found.put(name, e.getMessage());
            }
        });
        problems = Map.copyOf(found);
        return found.isEmpty();
    }

    public boolean ready() {
        return problems.isEmpty();
    }

    /** What is wrong with each unusable cluster (no secrets: errno and call names only). */
    public Map<String, String> problems() {
        return problems;
    }

    public boolean configured(String name) {
        return clusters.containsKey(name);
    }

    public Optional<CephCluster> cluster(String name) {
        return Optional.ofNullable(connected.get(name));
    }

    private void probe(String name, Access access) {
        CephCluster cluster = connected.computeIfAbsent(name,
                n -> CephCluster.connect(new CephClientConfig(access.conf(), access.clientId(), timeout)));
        if (!cluster.poolExists(access.pool())) {
            throw new IllegalStateException("pool '" + access.pool() + "' does not exist on " + name);
        }
        if (access.writable()) {
            try (RadosPool pool = cluster.openPool(access.pool())) {
                String oid = PROBE_OBJECT + probeName;
                pool.writeObject(oid, new byte[0]);
                pool.removeObject(oid);
            }
        }
    }

    @Override
    public void close() {
        connected.values().forEach(CephCluster::close);
        connected.clear();
    }
}
