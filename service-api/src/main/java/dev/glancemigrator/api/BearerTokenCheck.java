package dev.glancemigrator.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The migration API's bearer-token rule, apart from the HTTP plumbing: 401 without a token, 403 with a
 * wrong one or when the service has none. Only {@code /migrations} and below are guarded; health,
 * metrics and OpenAPI (under {@code /q}) stay open. The token file is read once, at start-up: a new
 * token takes effect when the service restarts. Neither the token nor the file's content is ever
 * answered or logged.
 */
public final class BearerTokenCheck {

    static final String GUARDED_PATH = "/migrations";

    private static final Logger LOG = Logger.getLogger(BearerTokenCheck.class);
    private static final String BEARER = "Bearer ";
    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ApiAccess access;
    /** Null when the service has no token; {@link #unavailable} then says why. */
    private final byte[] token;
    private final String unavailable;

    public BearerTokenCheck(ApiAccess access) {
        this(access, true);
    }

    private BearerTokenCheck(ApiAccess access, boolean served) {
        this.access = access;
        byte[] read = null;
        String why = null;
        if (access.tokenFile().isEmpty()) {
            why = access.tokenFileProperty() + " is not set";
        } else {
            Path file = access.tokenFile().get();
            try {
                read = SecretFile.read(file).getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                why = access.tokenFileProperty() + " names no readable, non-empty file";
                // The path and the failure, for the operator; the exception never carries the content.
                LOG.warnf("cannot read the API token from %s: %s", file, e);
            }
        }
        this.token = read;
        this.unavailable = why;
        if (token == null && served) {
            LOG.warnf("no API token (%s): every request to %s that needs one is refused", why, GUARDED_PATH);
        }
    }

    /**
     * For a service that declares no {@link ApiAccess} (it serves no migration API): anything under
     * /migrations is refused; nothing is logged, since nothing is missing.
     */
    static BearerTokenCheck undeclared() {
        return new BearerTokenCheck(new ApiAccess("the service's token-file setting", Optional.empty(), true), false);
    }

    /**
     * Empty when the request may go on; otherwise the answer that refuses it.
     *
     * @param path the request's path, with or without its leading slash
     * @param authorization the {@code Authorization} header as sent, null when absent
     */
    public Optional<Response> refusal(String method, String path, String authorization) {
        String normalized = "/" + path.replaceFirst("^/+", "");
        if (!normalized.equals(GUARDED_PATH) && !normalized.startsWith(GUARDED_PATH + "/")) {
            return Optional.empty();
        }
        if (READS.contains(method) && !access.readsNeedToken()) {
            return Optional.empty();
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED,
                    "this request needs 'Authorization: Bearer <token>', the token being the content of the file "
                            + access.tokenFileProperty() + " names").toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
        }
        if (token == null) {
            return Optional.of(Problem.of(Response.Status.FORBIDDEN,
                    "no API token is configured (" + unavailable + "): this request is refused").toResponse());
        }
        byte[] presented = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        // Constant-time, so the comparison's duration does not reveal how much of a guess was right; the
        // guess goes first because the time follows the first array's length, which the caller knows anyway.
        if (!MessageDigest.isEqual(presented, token)) {
            return Optional.of(Problem.of(Response.Status.FORBIDDEN, "the bearer token is not valid").toResponse());
        }
        return Optional.empty();
    }
}
