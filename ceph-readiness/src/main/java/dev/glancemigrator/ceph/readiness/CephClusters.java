package dev.glancemigrator.ceph.readiness;

import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.CephConnections;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The clusters of the service's {@link ClusterSettings}, probed every {@code probeInterval}: the
 * verdict is the service's readiness, and each change fires {@link ClustersReady}.
 */
@ApplicationScoped
public class CephClusters {

    private static final Logger LOG = Logger.getLogger(CephClusters.class);

    private final ClusterSettings settings;
    private final Event<ClustersReady> readyEvents;
    private final CephConnections connections;

    CephClusters(ClusterSettings settings, Event<ClustersReady> readyEvents) {
        this.settings = settings;
        this.readyEvents = readyEvents;
        this.connections = new CephConnections(settings.clusters(), settings.cephTimeout(), settings.probeName());
    }

    void start(@Observes StartupEvent started) {
        connections.probeEvery(settings.probeInterval(), ready -> {
            if (ready) {
                LOG.info("every cluster answers: ready");
            } else {
                LOG.warnf("not ready: %s", connections.problems());
            }
            readyEvents.fire(new ClustersReady(ready));
        });
    }

    /** Connections stay open to the end: work abandoned late in shutdown may still be closing its images. */
    @PreDestroy
    void stop() {
        connections.stopProbing();
    }

    public boolean ready() {
        return connections.ready();
    }

    public Map<String, String> problems() {
        return connections.problems();
    }

    public boolean configured(String name) {
        return connections.configured(name);
    }

    public Optional<CephCluster> cluster(String name) {
        return connections.cluster(name);
    }
}
