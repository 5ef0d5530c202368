package dev.glancemigrator.verifier.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when both clusters answer with their keys and their pools exist. */
@Readiness
@ApplicationScoped
public class CephReadinessCheck implements HealthCheck {

    private final CephClusters clusters;

    CephReadinessCheck(CephClusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("ceph-clusters").status(clusters.ready());
        clusters.problems().forEach(response::withData);
        return response.build();
    }
}
