package dev.glancemigrator.planner.plan;

import dev.glancemigrator.planner.config.PlannerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The configured Ceph clusters, found by name or by fsid. */
@ApplicationScoped
public class Clusters {

    private final Map<String, PlannerConfig.Cluster> byName;

    @Inject
    public Clusters(PlannerConfig config) {
        this(config.clusters());
    }

    Clusters(Map<String, PlannerConfig.Cluster> byName) {
        this.byName = byName;
    }

    public Optional<String> fsidOf(String name) {
        return Optional.ofNullable(byName.get(name)).map(PlannerConfig.Cluster::fsid);
    }

    /** The names configured with this fsid, sorted: more than one is a configuration to refuse, not to pick from. */
    public SortedSet<String> namesOfFsid(String fsid) {
        return byName.entrySet().stream()
                .filter(entry -> entry.getValue().fsid().equalsIgnoreCase(fsid))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The names, sorted, for messages. */
    public String names() {
        return String.join(", ", new TreeSet<>(byName.keySet()));
    }
}
