package dev.glancemigrator.cutover.config;

import dev.glancemigrator.api.ApiAccess;
import dev.glancemigrator.api.ServiceHost;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The cutover service's settings in the shapes service-api takes them. */
@Singleton
public class ServiceApiSettings {

    /** The name this service signs its events with: {@code cutover.host}, else the machine's host name. */
    @Produces
    @Singleton
    ServiceHost host(CutoverConfig config) {
        return ServiceHost.of(config.host(), "cutover");
    }

    /** Every /migrations request needs credentials, reads included: the journal shows Glance's rows and paths. */
    @Produces
    @Singleton
    ApiAccess apiAccess(CutoverConfig config) {
        return new ApiAccess("cutover.api.token-file", config.api().tokenFile(), true,
                config.api().tokenOperator());
    }
}
