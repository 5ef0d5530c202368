package dev.glancemigrator.planner.plan;

import dev.glancemigrator.planner.config.PlannerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The configured Ceph clusters, found by name or by fsid. */
@ApplicationScoped
public class Clusters {

    private final Map<String, PlannerConfig.Cluster> byName;

    public Clusters(PlannerConfig config) {
        this.byName = config.clusters();
    }

    public Optional<String> fsidOf(String name) {
        return Optional.ofNullable(byName.get(name)).map(PlannerConfig.Cluster::fsid);
    }

    public Optional<String> nameOfFsid(String fsid) {
        return byName.entrySet().stream()
                .filter(entry -> entry.getValue().fsid().equalsIgnoreCase(fsid))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The names, sorted, for messages. */
    public String names() {
        return String.join(", ", new TreeSet<>(byName.keySet()));
    }
}
