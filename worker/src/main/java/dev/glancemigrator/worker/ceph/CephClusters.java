package dev.glancemigrator.worker.ceph;

import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.CephConnections;
import dev.glancemigrator.worker.WorkerSettings;
import dev.glancemigrator.worker.readiness.Dependency;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The clusters the worker's {@code clusters.*} settings name, connected on their first probe; a
 * {@link Dependency} whose problems are keyed by cluster name.
 */
@ApplicationScoped
public class CephClusters implements Dependency {

    private final CephConnections connections;

    CephClusters(WorkerSettings worker) {
        // A service that only reads is never asked to prove a write, whatever its settings say.
        Map<String, CephConnections.Access> access = worker.config().clusters().entrySet().stream().collect(
                Collectors.toMap(Map.Entry::getKey, e -> new CephConnections.Access(e.getValue().conf(),
                        e.getValue().clientId(), e.getValue().pool(), worker.writes() && e.getValue().writable())));
        // Instances share the target pool: each writes a probe object of its own.
        this.connections = new CephConnections(access, worker.config().cephTimeout(), worker.service() + "." + worker.host());
    }

    /** Connections stay open to the end: work abandoned late in shutdown may still be closing its images. */
    @PreDestroy
    void stop() {
        connections.stopProbing();
    }

    @Override
    public Map<String, String> problems() {
        connections.probe();
        return connections.problems();
    }

    public boolean configured(String name) {
        return connections.configured(name);
    }

    public Optional<CephCluster> cluster(String name) {
        return connections.cluster(name);
    }
}
