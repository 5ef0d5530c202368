package dev.glancemigrator.keystone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Keystone's two token calls, enough to test the client's side of them; not Keystone (the stack tests use that). */
final class FakeKeystone implements AutoCloseable {

    static final String PASSWORD = "s3cret-password";

    final Map<String, String> tokensToUsers = new ConcurrentHashMap<>();
    final AtomicInteger issued = new AtomicInteger();
    volatile String lastRequestBody;
    volatile Instant expiresAt = Instant.parse("2099-01-01T00:00:00.000000Z");
    /** Set: every issue is answered with this status (503: Keystone is down behind its proxy). */
    volatile Integer issueFailsWith;
    /** Issue requests received, answered or not. */
    final AtomicInteger issueRequests = new AtomicInteger();
    private final HttpServer server;

    FakeKeystone() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v3/auth/tokens", this::tokens);
        server.start();
    }

    URI authUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void tokens(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("POST".equals(exchange.getRequestMethod())) {
                lastRequestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                issueRequests.incrementAndGet();
                Integer failure = issueFailsWith;
                if (failure != null) {
                    exchange.sendResponseHeaders(failure, -1);
                    return;
                }
                if (!lastRequestBody.contains(PASSWORD)) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                String token = "token-" + issued.incrementAndGet();
                tokensToUsers.put(token, "alice");
                exchange.getResponseHeaders().add(KeystoneClient.SUBJECT_TOKEN, token);
                answer(exchange, 201, "alice");
                return;
            }
            String service = exchange.getRequestHeaders().getFirst(KeystoneClient.AUTH_TOKEN);
            if (service == null || !tokensToUsers.containsKey(service)) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String user = tokensToUsers.get(exchange.getRequestHeaders().getFirst(KeystoneClient.SUBJECT_TOKEN));
            if (user == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            answer(exchange, 200, user);
        }
    }

    private void answer(HttpExchange exchange, int status, String user) throws IOException {
        String body = """
                {"token": {"expires_at": "%s", "user": {"id": "u-1", "name": "%s", "domain": {"name": "Default"}},
                 "project": {"id": "p-1", "name": "ops"}, "roles": [{"id": "r-1", "name": "reader"}, {"id": "r-2", "name": "admin"}]}}
                """.formatted(expiresAt, user);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    List<String> tokens() {
        return List.copyOf(tokensToUsers.keySet());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
