package dev.glancemigrator.copier.cluster;

import dev.glancemigrator.ceph.CephClientConfig;
import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.RadosPool;
import dev.glancemigrator.copier.CopierConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One connection per configured cluster, shared by every copy, and a probe that keeps asking each
 * cluster whether it answers with the configured key (and, for the target, takes writes). The
 * verdict is the service's readiness; a change fires {@link ClustersReady}.
 */
@ApplicationScoped
public class CephClusters {

    private static final Logger LOG = Logger.getLogger(CephClusters.class);
    private static final String PROBE_OBJECT = "glance-migrator.copier-probe.";

    private final CopierConfig config;
    private final Event<ClustersReady> readyEvents;
    private final Map<String, CephCluster> connected = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private ScheduledExecutorService probe;
    private volatile boolean ready;

    CephClusters(CopierConfig config, Event<ClustersReady> readyEvents) {
        this.config = config;
        this.readyEvents = readyEvents;
    }

    void start(@Observes StartupEvent started) {
        probe = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "ceph-probe"));
        probe.scheduleWithFixedDelay(this::probeAll, 0, config.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (probe != null) {
            probe.shutdownNow();
        }
    }

    public boolean ready() {
        return ready;
    }

    /** What is wrong with each cluster that is not usable, for the readiness check. */
    public Map<String, String> problems() {
        return Map.copyOf(problems);
    }

    public Optional<CephCluster> cluster(String name) {
        return Optional.ofNullable(connected.get(name));
    }

    private void probeAll() {
        Map<String, String> found = new LinkedHashMap<>();
        config.clusters().forEach((name, access) -> {
            try {
                probe(name, access);
            } catch (RuntimeException e) {
                // A connection that stops answering is kept: copies may hold it, and librados reconnects.
                found.put(name, e.getMessage());
            }
        });
        problems.keySet().retainAll(found.keySet());
        problems.putAll(found);
        boolean nowReady = found.isEmpty() && !config.clusters().isEmpty();
        if (nowReady != ready) {
            ready = nowReady;
            if (nowReady) {
                LOG.info("every cluster answers: ready");
            } else {
                LOG.warnf("not ready: %s", found);
            }
            readyEvents.fire(new ClustersReady(nowReady));
        }
    }

    private void probe(String name, CopierConfig.Cluster access) {
        CephCluster cluster = connected.computeIfAbsent(name, n -> CephCluster.connect(
                new CephClientConfig(access.conf(), access.clientId(), config.cephTimeout())));
        if (!cluster.poolExists(access.pool())) {
            throw new IllegalStateException("pool '" + access.pool() + "' does not exist on " + name);
        }
        if (access.writable()) {
            try (RadosPool pool = cluster.openPool(access.pool())) {
                String oid = PROBE_OBJECT + config.host().orElse("copier");
                pool.writeObject(oid, new byte[0]);
                pool.removeObject(oid);
            }
        }
    }
}
