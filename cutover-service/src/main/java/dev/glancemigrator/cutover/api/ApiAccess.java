package dev.glancemigrator.cutover.api;

import dev.glancemigrator.cutover.config.CutoverConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Bearer-token check for every /migrations request, reads included: 401 without a token, 403 with a
 * wrong one or when none is configured. Health, metrics and OpenAPI (under {@code /q}) stay open.
 */
public class ApiAccess {

    private static final String BEARER = "Bearer ";
    private static final String GUARDED_PATH = "/migrations";

    private final CutoverConfig config;

    public ApiAccess(CutoverConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Optional<Response> checkToken(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/+", "");
        if (!path.equals(GUARDED_PATH) && !path.startsWith(GUARDED_PATH + "/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(Response.fromResponse(ApiErrors.answer(Response.Status.UNAUTHORIZED,
                    new ApiError("this request needs 'Authorization: Bearer <cutover.api.token>'")))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
        }
        Optional<String> expected = config.api().token().filter(t -> !t.isBlank());
        if (expected.isEmpty()) {
            return Optional.of(ApiErrors.answer(Response.Status.FORBIDDEN,
                    new ApiError("no API token is configured (cutover.api.token): every request is refused")));
        }
        byte[] presented = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(presented, expected.get().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(ApiErrors.answer(Response.Status.FORBIDDEN, new ApiError("the bearer token is not valid")));
        }
        return Optional.empty();
    }
}
