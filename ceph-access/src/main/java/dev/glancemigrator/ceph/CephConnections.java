package dev.glancemigrator.ceph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connection per named cluster, made on first successful probe and then kept for the process's
 * life (copies hold it; librados reconnects by itself). {@link #probe()} asks every cluster whether
 * it answers with its key, has its pool, and (where the service writes) takes a write.
 *
 * <p>Except a blocklisted connection, which librados never recovers: the probe that finds one
 * (its write refused with EBLOCKLISTED) drops it, so it is unready, and the next probe connects
 * anew, as another client with another address. The old connection is retired: work still using it
 * fails on its own, and it shuts down once that work has closed what it opened.
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
    private ScheduledExecutorService prober;
    private volatile boolean probedOnce;

    /** {@code probeName} keeps the write probes of several instances apart. */
    public CephConnections(Map<String, Access> clusters, Duration timeout, String probeName) {
        this.clusters = Map.copyOf(clusters);
        this.timeout = timeout;
        this.probeName = probeName;
    }

    /**
     * Probes every {@code interval} on a thread of its own; {@code onChange} hears each change of
     * verdict (true: every cluster usable). Stops at {@link #close()}.
     */
    public void probeEvery(Duration interval, Consumer<Boolean> onChange) {
        prober = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "ceph-probe"));
        prober.scheduleWithFixedDelay(() -> {
            boolean before = ready();
            boolean now = probe();
            if (now != before || !probedOnce) {
                probedOnce = true;
                onChange.accept(now);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
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
            } catch (CephException e) {
                if (!e.blocklisted()) {
                    throw e;
                }
                connected.remove(name, cluster);
                cluster.retire();
                throw new IllegalStateException("this client is blocklisted (" + e.getMessage()
                        + "); its connection is dropped and the next probe connects anew", e);
            }
        }
    }

    public void stopProbing() {
        if (prober != null) {
            prober.shutdownNow();
        }
    }

    /** Only when no I/O can still be in flight: librados frees what open images use. */
    @Override
    public void close() {
        stopProbing();
        connected.values().forEach(CephCluster::close);
        connected.clear();
    }
}
