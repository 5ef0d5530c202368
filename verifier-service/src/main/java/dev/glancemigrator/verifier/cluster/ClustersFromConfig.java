package dev.glancemigrator.verifier.cluster;

import dev.glancemigrator.ceph.CephConnections;
import dev.glancemigrator.ceph.readiness.ClusterSettings;
import dev.glancemigrator.verifier.VerifierConfig;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import java.util.stream.Collectors;

/** The clusters {@code verifier.clusters.*} names, for the shared readiness probe. */
@Dependent
class ClustersFromConfig {

    @Produces
    ClusterSettings settings(VerifierConfig config) {
        // The verifier only reads, so readiness never asks it to prove a write.
        Map<String, CephConnections.Access> access = config.clusters().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> new CephConnections.Access(e.getValue().conf(), e.getValue().clientId(),
                        e.getValue().pool(), false)));
        return new ClusterSettings(access, config.probeInterval(), config.cephTimeout(), "verifier");
    }
}
