package dev.glancemigrator.api;

import dev.glancemigrator.events.Actor;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Who a request to {@code /migrations} comes from, and whether they may make it, apart from the HTTP
 * plumbing. Two kinds of credentials:
 * <ul>
 * <li>a Keystone token in {@code X-Auth-Token}, when Keystone is configured: validated with Keystone (the
 * service's own token asks), its identity cached until the token expires or for {@code gm.keystone.cache-time},
 * whichever comes first, so a revocation is honoured within that time. Reads need one of the reader (or admin)
 * roles, changes one of the admin roles;</li>
 * <li>the service's static bearer token ({@code Authorization: Bearer}), read once at start-up, standing for its
 * configured operator with the {@code admin} role.</li>
 * </ul>
 * A request with both goes by its Keystone token when Keystone is on, by its static token when it is off.
 * No credentials: 401 with {@code WWW-Authenticate}; a Keystone token Keystone does not know (unknown, expired,
 * revoked): 401; a wrong static token: 403 (as before Keystone); authenticated without the role: 403; Keystone
 * not answering: 503, never a cached refusal. Only health, metrics and OpenAPI (under {@code /q},
 * {@link #OPEN_PATHS}) stay open: every other path is guarded, whatever its spelling (matrix parameters, doubled
 * slashes, percent-encoding, dot segments), so no spelling of {@code /migrations} slips past. Neither a token nor a password is ever answered or logged.
 */
public final class ApiAuthentication {

    static final String GUARDED_PATH = "/migrations";
    /**
     * The management paths left open, and below them, spelt plainly: a path with anything else (a dot segment,
     * a matrix parameter, an encoded character, a doubled slash) is guarded. Quarkus serves these outside the
     * JAX-RS filters anyway; they are listed so that the filter never refuses them either.
     */
    static final Pattern OPEN_PATHS = Pattern.compile(
            "/?q/(health|metrics|openapi(\\.(json|yaml|yml))?)(/[A-Za-z0-9_-]+)*/?");
    public static final String AUTH_TOKEN = "X-Auth-Token";

    private static final Logger LOG = Logger.getLogger(ApiAuthentication.class);
    private static final String BEARER = "Bearer ";
    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** What to do with a request: let it through (with its caller, if it authenticated), or answer. */
    public sealed interface Outcome {
    }

    /** The request goes on; {@code actor} is null when it needed no credentials. */
    public record Pass(Actor actor) implements Outcome {
    }

    public record Refuse(Response response) implements Outcome {
    }

    private final ApiAccess access;
    private final KeystoneSettings keystone;
    private final Optional<KeystoneTokens> tokens;
    private final Clock clock;
    /** Null when the service has no static token; {@link #unavailable} then says why. */
    private final byte[] token;
    private final String unavailable;
    private final TokenCache cache;

    public ApiAuthentication(ApiAccess access, KeystoneSettings keystone, Optional<KeystoneTokens> tokens, Clock clock) {
        this(access, keystone, tokens, clock, true);
    }

    private ApiAuthentication(ApiAccess access, KeystoneSettings keystone, Optional<KeystoneTokens> tokens, Clock clock,
            boolean served) {
        if (keystone.enabled() != tokens.isPresent()) {
            throw new IllegalArgumentException("Keystone's validation is needed exactly when Keystone is configured");
        }
        this.access = access;
        this.keystone = keystone;
        this.tokens = tokens;
        this.clock = clock;
        this.cache = new TokenCache(keystone.cacheSize());
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
        if (served) {
            if (keystone.enabled()) {
                LOG.infof("API requests to %s authenticate with Keystone tokens (%s)%s", GUARDED_PATH, keystone,
                        token == null ? "; no static token (" + why + ")"
                                : " or the static token, for operator '" + access.tokenOperator() + "'");
            } else if (token == null) {
                LOG.warnf("no API token (%s) and no Keystone (gm.keystone.auth-url): every request to %s that needs "
                        + "credentials is refused", why, GUARDED_PATH);
            }
        }
    }

    /**
     * For a service that declares no {@link ApiAccess} (it serves no migration API): anything under
     * /migrations is refused; nothing is logged, since nothing is missing.
     */
    static ApiAuthentication undeclared() {
        return new ApiAuthentication(new ApiAccess("the service's token-file setting", Optional.empty(), true),
                KeystoneSettings.off(), Optional.empty(), Clock.systemUTC(), false);
    }

    /**
     * @param path the request's path, with or without its leading slash
     * @param authorization the {@code Authorization} header as sent, null when absent
     * @param authToken the {@code X-Auth-Token} header as sent, null when absent
     */
    public Outcome check(String method, String path, String authorization, String authToken) {
        if (open(path)) {
            return new Pass(null);
        }
        boolean read = READS.contains(method);
        boolean keystoneToken = authToken != null && !authToken.isBlank();
        if (keystoneToken && tokens.isPresent()) {
            return keystone(authToken.strip(), read);
        }
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return staticToken(authorization.substring(BEARER.length()).strip());
        }
        if (keystoneToken) {
            return new Refuse(unauthorized("this service does not take Keystone tokens (gm.keystone.auth-url is not "
                    + "set): use 'Authorization: Bearer <token>', the token being the content of the file "
                    + access.tokenFileProperty() + " names"));
        }
        if (read && !access.readsNeedToken() && !keystone.enabled()) {
            return new Pass(null);
        }
        return new Refuse(unauthorized(keystone.enabled()
                ? "this request needs a Keystone token ('" + AUTH_TOKEN + ": <token>', e.g. from 'openstack token issue') "
                        + "or 'Authorization: Bearer <token>', the token being the content of the file "
                        + access.tokenFileProperty() + " names"
                : "this request needs 'Authorization: Bearer <token>', the token being the content of the file "
                        + access.tokenFileProperty() + " names"));
    }

    /** Whether {@code path} is an open management path; anything else needs credentials. */
    static boolean open(String path) {
        return OPEN_PATHS.matcher(path).matches();
    }

    private Outcome staticToken(String presentedToken) {
        if (token == null) {
            return new Refuse(Problem.of(Response.Status.FORBIDDEN, "no API token is configured (" + unavailable + ")"
                    + (keystone.enabled() ? ": use a Keystone token (" + AUTH_TOKEN + ")" : ": this request is refused"))
                    .toResponse());
        }
        byte[] presented = presentedToken.getBytes(StandardCharsets.UTF_8);
        // Constant-time, so the comparison's duration does not reveal how much of a guess was right; the
        // guess goes first because the time follows the first array's length, which the caller knows anyway.
        if (!MessageDigest.isEqual(presented, token)) {
            return new Refuse(Problem.of(Response.Status.FORBIDDEN, "the bearer token is not valid").toResponse());
        }
        return new Pass(Actor.staticToken(access.tokenOperator()));
    }

    private Outcome keystone(String subject, boolean read) {
        Instant now = clock.instant();
        String key = digest(subject);
        KeystoneTokens.ValidToken valid = cache.get(key, now);
        if (valid == null) {
            Optional<KeystoneTokens.ValidToken> answer;
            try {
                answer = tokens.get().validate(subject);
            } catch (IOException e) {
                // Keystone's address and the failure; the client's messages carry no token.
                LOG.warnf("cannot validate a token with Keystone: %s", e.getMessage());
                return new Refuse(Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                        "Keystone does not answer, so the token cannot be validated now; try again").toResponse())
                        .header(HttpHeaders.RETRY_AFTER, ProblemMappers.RETRY_AFTER_SECONDS).build());
            }
            if (answer.isEmpty() || !answer.get().expiresAt().isAfter(now)) {
                return new Refuse(unauthorized("the Keystone token is not valid (unknown, expired or revoked): get a new one"));
            }
            valid = answer.get();
            Instant until = now.plus(keystone.cacheTime());
            cache.put(key, valid, until.isBefore(valid.expiresAt()) ? until : valid.expiresAt());
        }
        Actor actor = new Actor(valid.userName() != null ? valid.userName() : valid.userId(), valid.userId(),
                valid.projectName(), valid.projectId(), valid.roles(), Actor.AuthMethod.KEYSTONE);
        Set<String> held = Set.copyOf(valid.roles().stream().map(r -> r.toLowerCase(Locale.ROOT)).toList());
        boolean allowed = held.stream().anyMatch(keystone.adminRoles()::contains)
                || read && held.stream().anyMatch(keystone.readerRoles()::contains);
        if (!allowed) {
            return new Refuse(Problem.of(Response.Status.FORBIDDEN, actor.describe() + " may not "
                    + (read ? "read this: it needs one of the roles " + sorted(union(keystone.readerRoles(), keystone.adminRoles()))
                            : "change this: it needs one of the roles " + sorted(keystone.adminRoles()))
                    + " (the token has " + sorted(held) + ")").toResponse());
        }
        return new Pass(actor);
    }

    private Response unauthorized(String detail) {
        Response.ResponseBuilder answer = Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        keystone.authUrl().ifPresent(url -> answer.header(HttpHeaders.WWW_AUTHENTICATE, "Keystone uri=\"" + url + "\""));
        return answer.build();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String sorted(Set<String> roles) {
        return roles.stream().sorted().toList().toString();
    }

    /** The cache's key: the token's SHA-256, so the cache holds no token. */
    private static String digest(String subject) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Validated tokens, least recently used out first, each until its own time. */
    private static final class TokenCache {

        private record Entry(KeystoneTokens.ValidToken token, Instant until) {
        }

        private final Map<String, Entry> entries;

        TokenCache(int size) {
            this.entries = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                    return size() > size;
                }
            };
        }

        synchronized KeystoneTokens.ValidToken get(String key, Instant now) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return null;
            }
            if (!now.isBefore(entry.until())) {
                entries.remove(key);
                return null;
            }
            return entry.token();
        }

        synchronized void put(String key, KeystoneTokens.ValidToken token, Instant until) {
            entries.put(key, new Entry(token, until));
        }
    }
}
