package dev.glancemigrator.verifier.cluster;

import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.CephConnections;
import dev.glancemigrator.verifier.VerifierConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Both clusters, read-only, probed every {@code verifier.probe-interval}: the service's readiness. */
@ApplicationScoped
public class CephClusters {

    private static final Logger LOG = Logger.getLogger(CephClusters.class);

    private final VerifierConfig config;
    private final Event<ClustersReady> readyEvents;
    private final CephConnections connections;

    CephClusters(VerifierConfig config, Event<ClustersReady> readyEvents) {
        this.config = config;
        this.readyEvents = readyEvents;
        this.connections = new CephConnections(config.clusters().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> new CephConnections.Access(e.getValue().conf(), e.getValue().clientId(),
                        e.getValue().pool(), false))), config.cephTimeout(), "verifier");
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

    /** Connections stay open to the end: a verification may still be closing its images. */
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

    public Optional<CephCluster> cluster(String name) {
        return connections.cluster(name);
    }
}
