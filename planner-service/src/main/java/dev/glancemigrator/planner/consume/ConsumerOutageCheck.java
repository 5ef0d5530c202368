package dev.glancemigrator.planner.consume;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The planner is unready while any consumer waits out an outage; the answer names them and why. */
@Readiness
@ApplicationScoped
public class ConsumerOutageCheck implements HealthCheck {

    private final ConsumerOutage outage;

    ConsumerOutageCheck(ConsumerOutage outage) {
        this.outage = outage;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("ledger-consumers").status(!outage.any());
        outage.waiting().forEach(response::withData);
        return response.build();
    }
}
