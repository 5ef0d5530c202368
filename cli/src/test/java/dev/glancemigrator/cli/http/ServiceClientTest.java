package dev.glancemigrator.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.glancemigrator.cli.config.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a stand-in HTTP server (the JDK's): headers, problems and silence. */
class ServiceClientTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<String> query = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/migrations/known", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            query.set(exchange.getRequestURI().getRawQuery());
            reply(exchange, 200, "application/json", "{\"id\":\"known\",\"somethingNew\":[1]}");
        });
        server.createContext("/migrations/unknown", exchange -> reply(exchange, 404, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no migration unknown\"}"));
        server.createContext("/migrations/proxied", exchange -> reply(exchange, 502, "text/html", "<html>bad gateway</html>"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private ServiceClient client(URI url, Optional<Path> token) {
        return new ServiceClient(new Endpoint("planner", url, token), new ObjectMapper(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void theTokenFromItsFileGoesAsABearerHeaderAndUnknownFieldsAreKept() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "t0ken\n");

        var answer = client(url(), Optional.of(token)).get("/migrations/known",
                ServiceClient.query("state", "out_of_scope", "page", null));

        assertEquals("Bearer t0ken", authorization.get());
        assertEquals("state=out_of_scope", query.get());
        assertEquals(1, answer.path("somethingNew").get(0).asInt());
    }

    @Test
    void anErrorStatusCarriesTheServicesProblem() {
        ServiceProblemException e = assertThrows(ServiceProblemException.class,
                () -> client(url(), Optional.empty()).get("/migrations/unknown"));

        assertEquals(404, e.status());
        assertEquals("no migration unknown", e.problem().path("detail").asText());
        assertFalse(e.hasBlockers());
    }

    @Test
    void anErrorThatIsNotAProblemIsDescribedByItsStatusAndItsStart() {
        ServiceProblemException e = assertThrows(ServiceProblemException.class,
                () -> client(url(), Optional.empty()).get("/migrations/proxied"));

        assertEquals(502, e.status());
        assertEquals("<html>bad gateway</html>", e.problem().path("detail").asText());
    }

    @Test
    void aServiceThatDoesNotAnswerIsUnreachableNamedByItsUrl() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closed);

        ServiceUnreachableException e = assertThrows(ServiceUnreachableException.class,
                () -> client(nobody, Optional.empty()).get("/migrations"));

        assertTrue(e.getMessage().startsWith("planner at " + nobody + " did not answer"), e.getMessage());
    }
}
