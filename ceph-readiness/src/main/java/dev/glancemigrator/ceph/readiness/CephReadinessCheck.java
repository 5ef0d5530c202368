package dev.glancemigrator.ceph.readiness;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when every configured cluster answers with its key and its pool exists. */
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
