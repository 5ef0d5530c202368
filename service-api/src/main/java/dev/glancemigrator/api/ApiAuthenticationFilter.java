package dev.glancemigrator.api;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Applies {@link ApiAuthentication} to every request, with the {@link ApiAccess} the service produces and the
 * service's {@link ServiceKeystone} (its Keystone settings and own session), and hands the request's {@link Caller} its actor. A service that produces no
 * {@link ApiAccess} serves nothing under /migrations: a missing declaration fails closed.
 */
@Singleton
public class ApiAuthenticationFilter {

    private final Instance<ApiAccess> access;
    private final Instance<ServiceKeystone> keystone;
    private final Caller caller;
    private volatile ApiAuthentication authentication;

    /** Quarkus REST makes its filters at static init, before the services' configuration can be read. */
    ApiAuthenticationFilter(Instance<ApiAccess> access, Instance<ServiceKeystone> keystone, Caller caller) {
        this.access = access;
        this.keystone = keystone;
        this.caller = caller;
    }

    /**
     * The token file and Keystone's settings are read at start-up, so a missing token is logged and an
     * incomplete Keystone configuration stops the service then rather than at the first request.
     */
    void readTheCredentials(@Observes StartupEvent start) {
        authentication();
    }

    /**
     * Not pre-matching: it runs on the thread that serves the endpoint (a worker for the blocking endpoints
     * under /migrations), so Keystone's validation does not block the event loop.
     */
    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        ApiAuthentication.Outcome outcome = authentication().check(request.getMethod(), request.getUriInfo().getPath(),
                request.getHeaderString(HttpHeaders.AUTHORIZATION), request.getHeaderString(ApiAuthentication.AUTH_TOKEN));
        if (outcome instanceof ApiAuthentication.Refuse refuse) {
            return Optional.of(refuse.response());
        }
        ApiAuthentication.Pass pass = (ApiAuthentication.Pass) outcome;
        if (pass.actor() != null) {
            caller.authenticated(pass.actor());
        }
        return Optional.empty();
    }

    private ApiAuthentication authentication() {
        ApiAuthentication made = authentication;
        if (made == null) {
            synchronized (this) {
                if (authentication == null) {
                    if (access.isResolvable()) {
                        ServiceKeystone service = keystone.get();
                        authentication = new ApiAuthentication(access.get(), service.settings(),
                                service.session().<KeystoneTokens>map(KeystoneValidation::new), Clock.systemUTC());
                    } else {
                        authentication = ApiAuthentication.undeclared();
                    }
                }
                made = authentication;
            }
        }
        return made;
    }
}
