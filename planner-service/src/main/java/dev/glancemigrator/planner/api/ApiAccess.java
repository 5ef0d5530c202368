package dev.glancemigrator.planner.api;

import dev.glancemigrator.planner.config.PlannerConfig;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Bearer-token check for the migration API: 401 without a token, 403 with a wrong one. Changes always
 * need it; reads only when {@code planner.api.reads-need-token} says so. Health, metrics and OpenAPI
 * (under {@code /q}) stay open.
 */
public class ApiAccess {

    private static final String BEARER = "Bearer ";
    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String GUARDED_PATH = "/migrations";

    private final PlannerConfig config;

    public ApiAccess(PlannerConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Optional<Response> checkToken(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/+", "");
        if (!path.equals(GUARDED_PATH) && !path.startsWith(GUARDED_PATH + "/")) {
            return Optional.empty();
        }
        boolean read = READS.contains(request.getMethod());
        if (read && !config.api().readsNeedToken()) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(Response.fromResponse(ApiErrors.answer(Response.Status.UNAUTHORIZED,
                    "this request needs 'Authorization: Bearer <planner.api.token>'"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
        }
        String presented = header.substring(BEARER.length()).strip();
        Optional<String> expected = config.api().token().filter(t -> !t.isBlank());
        if (expected.isEmpty()) {
            return Optional.of(ApiErrors.answer(Response.Status.FORBIDDEN,
                    "no API token is configured (planner.api.token): changes are refused"));
        }
        if (!sameToken(presented, expected.get())) {
            return Optional.of(ApiErrors.answer(Response.Status.FORBIDDEN, "the bearer token is not valid"));
        }
        return Optional.empty();
    }

    /** Constant-time, so the comparison's duration does not reveal how much of a guess was right. */
    private static boolean sameToken(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
