package dev.glancemigrator.copier.cluster;

import dev.glancemigrator.ceph.CephConnections;
import dev.glancemigrator.ceph.readiness.ClusterSettings;
import dev.glancemigrator.copier.CopierConfig;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import java.util.stream.Collectors;

/** The clusters {@code copier.clusters.*} names, for the shared readiness probe. */
@Dependent
class ClustersFromConfig {

    @Produces
    ClusterSettings settings(CopierConfig config) {
        Map<String, CephConnections.Access> access = config.clusters().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> new CephConnections.Access(e.getValue().conf(), e.getValue().clientId(),
                        e.getValue().pool(), e.getValue().writable())));
        // Copiers share the target pool: each writes its own probe object.
        return new ClusterSettings(access, config.probeInterval(), config.cephTimeout(),
                "copier." + config.host().orElse("copier"));
    }
}
