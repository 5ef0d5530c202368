package dev.glancemigrator.worker.readiness;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when every dependency answers: each cluster with its key and pool, each database. */
@Readiness
@ApplicationScoped
public class DependenciesReadinessCheck implements HealthCheck {

    private final Dependencies dependencies;

    DependenciesReadinessCheck(Dependencies dependencies) {
        this.dependencies = dependencies;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("dependencies").status(dependencies.ready());
        dependencies.problems().forEach(response::withData);
        return response.build();
    }
}
