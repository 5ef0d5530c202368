package dev.glancemigrator.api;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Applies {@link BearerTokenCheck} to every request, with the {@link ApiAccess} the service produces.
 * A service that produces none serves nothing under /migrations: a missing declaration fails closed.
 */
@Singleton
public class BearerTokenFilter {

    private final Instance<ApiAccess> access;
    private volatile BearerTokenCheck check;

    /** Quarkus REST makes its filters at static init, before the services' configuration can be read. */
    BearerTokenFilter(Instance<ApiAccess> access) {
        this.access = access;
    }

    /** The token file is read at start-up, so a missing one is logged then rather than at the first request. */
    void readTheToken(@Observes StartupEvent start) {
        check();
    }

    @ServerRequestFilter
    public Optional<Response> checkToken(ContainerRequestContext request) {
        return check().refusal(request.getMethod(), request.getUriInfo().getPath(),
                request.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    private BearerTokenCheck check() {
        BearerTokenCheck made = check;
        if (made == null) {
            synchronized (this) {
                if (check == null) {
                    check = access.isResolvable() ? new BearerTokenCheck(access.get()) : BearerTokenCheck.undeclared();
                }
                made = check;
            }
        }
        return made;
    }
}
