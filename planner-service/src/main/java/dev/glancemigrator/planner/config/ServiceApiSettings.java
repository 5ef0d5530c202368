package dev.glancemigrator.planner.config;

import dev.glancemigrator.api.ApiAccess;
import dev.glancemigrator.api.ServiceHost;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The planner's settings in the shapes service-api takes them. */
@Singleton
public class ServiceApiSettings {

    /** The name the planner signs its events with: {@code planner.host}, else the machine's host name. */
    @Produces
    @Singleton
    ServiceHost host(PlannerConfig config) {
        return ServiceHost.of(config.host(), "planner");
    }

    /**
     * Changes always need credentials; reads only when {@code planner.api.reads-need-token} or Keystone is on
     * ({@code gm.keystone.*}, read by service-api).
     */
    @Produces
    @Singleton
    ApiAccess apiAccess(PlannerConfig config) {
        return new ApiAccess("planner.api.token-file", config.api().tokenFile(), config.api().readsNeedToken(),
                config.api().tokenOperator());
    }
}
