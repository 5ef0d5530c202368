package dev.glancemigrator.copier.cluster;

import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.CephConnections;
import dev.glancemigrator.copier.CopierConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The configured clusters, probed every {@code copier.probe-interval}: the verdict is the service's
 * readiness, and each change fires {@link ClustersReady}.
 */
@ApplicationScoped
public class CephClusters {

    private static final Logger LOG = Logger.getLogger(CephClusters.class);

    private final CopierConfig config;
    private final Event<ClustersReady> readyEvents;
    private final CephConnections connections;

    CephClusters(CopierConfig config, Event<ClustersReady> readyEvents) {
        this.config = config;
        this.readyEvents = readyEvents;
        Map<String, CephConnections.Access> access = config.clusters().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> new CephConnections.Access(e.getValue().conf(), e.getValue().clientId(),
                        e.getValue().pool(), e.getValue().writable())));
        this.connections = new CephConnections(access, config.cephTimeout(), "copier." + config.host().orElse("copier"));
    }

    void start(@Observes StartupEvent started) {
        connections.probeEvery(config.probeInterval(), ready -> {
            if (ready) {
                LOG.info("every cluster answers: ready");
            } else {
                LOG.warnf("not ready: %s", connections.problems());
            }
            readyEvents.fire(new ClustersReady(ready));
        });
    }

    /** Connections stay open to the end: a copy abandoned late in shutdown may still be closing its images. */
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
