package dev.glancemigrator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.glancemigrator.events.Actor;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's authentication against a fake Keystone over HTTP (JDK HttpServer): the service's own token
 * issued with its password, presented tokens validated with it, the rules applied to what Keystone says.
 */
class KeystoneValidationTest {

    private static final String SERVICE_PASSWORD = "migrator-Pa55word";
    private static final String STATIC = "static-Token-0123456789";

    /** Keystone's token calls: tokens it issued and their users' roles; it can forget tokens, or stop. */
    static final class FakeKeystone implements AutoCloseable {
        record Known(String user, List<String> roles, Instant expiresAt) {
        }

        final Map<String, Known> tokens = new ConcurrentHashMap<>();
        final AtomicInteger issued = new AtomicInteger();
        final AtomicInteger validations = new AtomicInteger();
        final List<String> serviceTokensSeen = new ArrayList<>();
        /** Set: every validation is refused 401, whatever service token asks (a Keystone-side fault). */
        volatile boolean refuseEveryServiceToken;
        final HttpServer server;

        FakeKeystone() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v3/auth/tokens", this::tokens);
            server.start();
        }

        URI authUrl() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        String give(String user, List<String> roles, Instant expiresAt) {
            String token = "gAAAA" + user + "-" + issued.incrementAndGet();
            tokens.put(token, new Known(user, roles, expiresAt));
            return token;
        }

        private void tokens(HttpExchange exchange) throws IOException {
            try (exchange) {
                if ("POST".equals(exchange.getRequestMethod())) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    if (!body.contains("\"name\":\"migrator\"") || !body.contains(SERVICE_PASSWORD)) {
                        exchange.sendResponseHeaders(401, -1);
                        return;
                    }
                    String token = give("migrator", List.of("service"), Instant.now().plus(Duration.ofHours(1)));
                    exchange.getResponseHeaders().add("X-Subject-Token", token);
                    answer(exchange, 201, tokens.get(token));
                    return;
                }
                validations.incrementAndGet();
                String service = exchange.getRequestHeaders().getFirst("X-Auth-Token");
                synchronized (serviceTokensSeen) {
                    serviceTokensSeen.add(service);
                }
                Known caller = service == null ? null : tokens.get(service);
                if (caller == null || !caller.user().equals("migrator") || refuseEveryServiceToken) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                Known subject = tokens.get(String.valueOf(exchange.getRequestHeaders().getFirst("X-Subject-Token")));
                if (subject == null || !subject.expiresAt().isAfter(Instant.now())) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                answer(exchange, 200, subject);
            }
        }

        private static void answer(HttpExchange exchange, int status, Known who) throws IOException {
            StringBuilder roles = new StringBuilder();
            for (String role : who.roles()) {
                roles.append(roles.isEmpty() ? "" : ",").append("{\"id\":\"r-").append(role).append("\",\"name\":\"")
                        .append(role).append("\"}");
            }
            String body = ("{\"token\":{\"expires_at\":\"%s\",\"user\":{\"id\":\"id-%s\",\"name\":\"%s\",\"domain\":"
                    + "{\"name\":\"Default\"}},\"project\":{\"id\":\"p-1\",\"name\":\"ops\"},\"roles\":[%s]}}")
                    .formatted(who.expiresAt(), who.user(), who.user(), roles);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @TempDir
    Path dir;

    private FakeKeystone keystone;
    private ApiAuthentication auth;
    private KeystoneSettings settings;

    @BeforeEach
    void start() throws IOException {
        keystone = new FakeKeystone();
        Path password = dir.resolve("password");
        Files.writeString(password, SERVICE_PASSWORD + "\n");
        settings = KeystoneSettings.from(new Config(Optional.of(keystone.authUrl()), Optional.of(password),
                Duration.ofMillis(300)));
        Path file = dir.resolve("token");
        Files.writeString(file, STATIC);
        auth = new ApiAuthentication(new ApiAccess("planner.api.token-file", Optional.of(file), false, "robot"), settings,
                Optional.of(KeystoneValidation.of(settings)), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        keystone.close();
    }

    /** gm.keystone.* as the services' configuration gives it. */
    record Config(Optional<URI> authUrl, Optional<Path> passwordFile, Duration cacheTime) implements KeystoneConfig {
        @Override
        public Optional<String> user() {
            return Optional.of("migrator");
        }

        @Override
        public Optional<String> project() {
            return Optional.of("service");
        }

        @Override
        public String userDomain() {
            return "Default";
        }

        @Override
        public String projectDomain() {
            return "Default";
        }

        @Override
        public int cacheSize() {
            return 100;
        }

        @Override
        public List<String> readerRoles() {
            return List.of("reader", "member", "admin");
        }

        @Override
        public List<String> adminRoles() {
            return List.of("admin");
        }

        @Override
        public Duration requestTimeout() {
            return Duration.ofSeconds(2);
        }
    }

    private static int status(ApiAuthentication.Outcome outcome) {
        return outcome instanceof ApiAuthentication.Refuse refuse ? refuse.response().getStatus() : 200;
    }

    private ApiAuthentication.Outcome call(String method, String token) {
        return auth.check(method, "/migrations", null, token);
    }

    @Test
    void readersReadAdminsChangeUnknownTokensAre401AndOneServiceTokenAsksEveryValidation() {
        Instant hour = Instant.now().plus(Duration.ofHours(1));
        String reader = keystone.give("rita", List.of("reader"), hour);
        String admin = keystone.give("alice", List.of("admin", "reader"), hour);
        assertEquals(401, status(call("GET", null)));
        assertEquals(200, status(call("GET", reader)));
        assertEquals(403, status(call("POST", reader)));
        assertEquals(200, status(call("POST", admin)));
        assertEquals(new Actor("alice", "id-alice", "ops", "p-1", List.of("admin", "reader"), Actor.AuthMethod.KEYSTONE),
                ((ApiAuthentication.Pass) call("POST", admin)).actor());
        assertEquals(401, status(call("GET", "gAAAAnever-issued")));
        assertEquals(Actor.staticToken("robot"),
                ((ApiAuthentication.Pass) auth.check("POST", "/migrations", "Bearer " + STATIC, null)).actor());
        // The service's own token was issued once and asked every validation.
        assertEquals(1, keystone.serviceTokensSeen.stream().distinct().count());
    }

    @Test
    void anExpiredTokenIs401() throws InterruptedException {
        // Warmed up first (the service's own token, the HTTP client), so the short life below is not spent on that.
        assertEquals(200, status(call("POST", keystone.give("bob", List.of("admin"), Instant.now().plusSeconds(60)))));
        String soon = keystone.give("alice", List.of("admin"), Instant.now().plusMillis(200));
        assertEquals(200, status(call("POST", soon)));
        Thread.sleep(250);
        assertEquals(401, status(call("POST", soon)));
    }

    @Test
    void aRevokedTokenIs401OnceTheCacheTimeHasPassed() throws InterruptedException {
        String admin = keystone.give("alice", List.of("admin"), Instant.now().plus(Duration.ofHours(1)));
        assertEquals(200, status(call("POST", admin)));
        keystone.tokens.remove(admin);
        assertEquals(200, status(call("POST", admin)), "still cached");
        Thread.sleep(350);
        assertEquals(401, status(call("POST", admin)));
    }

    @Test
    void aRevokedServiceTokenIsRenewedOnce() {
        String admin = keystone.give("alice", List.of("admin"), Instant.now().plus(Duration.ofHours(1)));
        assertEquals(200, status(call("POST", admin)));
        keystone.tokens.keySet().removeIf(token -> token.startsWith("gAAAAmigrator"));
        String other = keystone.give("bob", List.of("admin"), Instant.now().plus(Duration.ofHours(1)));
        assertEquals(200, status(call("POST", other)));
        assertEquals(2, keystone.serviceTokensSeen.stream().distinct().count());
    }

    @Test
    void aFreshServiceTokenRefusedTooIsAnOutageNotAVerdictOnTheCaller() {
        String admin = keystone.give("alice", List.of("admin"), Instant.now().plus(Duration.ofHours(1)));
        keystone.refuseEveryServiceToken = true;

        Response response = assertInstanceOf(ApiAuthentication.Refuse.class, call("POST", admin)).response();

        assertEquals(503, response.getStatus(), "a 401 is about the service's own token: not the caller's fault");
        assertEquals(2, keystone.issued.get() - 1, "the service's token was renewed once (one token given to alice)");
        assertEquals(2, keystone.validations.get(), "asked once, and once more with the renewed token");
    }

    @Test
    void keystoneDownIs503WithoutSecrets() {
        String admin = keystone.give("alice", List.of("admin"), Instant.now().plus(Duration.ofHours(1)));
        keystone.close();
        ApiAuthentication.Outcome outcome = call("POST", admin);
        Response response = assertInstanceOf(ApiAuthentication.Refuse.class, outcome).response();
        assertEquals(503, response.getStatus());
        String all = response.getEntity() + " " + response.getHeaders();
        for (String secret : List.of(admin, SERVICE_PASSWORD, STATIC)) {
            assertFalse(all.contains(secret), all);
        }
    }

    @Test
    void wrongServiceCredentialsAreAnOutageForTheCallerNotAVerdict() throws IOException {
        Path wrong = dir.resolve("wrong");
        Files.writeString(wrong, "not-the-password");
        KeystoneSettings bad = KeystoneSettings.from(new Config(Optional.of(keystone.authUrl()), Optional.of(wrong),
                Duration.ofSeconds(30)));
        KeystoneTokens tokens = KeystoneValidation.of(bad);
        IOException e = assertThrows(IOException.class, () -> tokens.validate("gAAAAanything"));
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
    }

    @Test
    void anIncompleteKeystoneConfigurationStopsTheServiceSayingWhat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeystoneSettings.from(
                new Config(Optional.of(keystone.authUrl()), Optional.empty(), Duration.ofSeconds(30))));
        assertTrue(e.getMessage().contains("gm.keystone.password-file is required"), e.getMessage());
        IllegalArgumentException unreadable = assertThrows(IllegalArgumentException.class, () -> KeystoneSettings.from(
                new Config(Optional.of(keystone.authUrl()), Optional.of(dir.resolve("missing")), Duration.ofSeconds(30))));
        assertTrue(unreadable.getMessage().contains("gm.keystone.password-file names no readable"), unreadable.getMessage());
        assertFalse(KeystoneSettings.from(new Config(Optional.empty(), Optional.empty(), Duration.ofSeconds(30))).enabled());
        assertFalse(settings.toString().contains(SERVICE_PASSWORD), settings.toString());
    }
}
