package dev.glancemigrator.cutover.support;

import static org.awaitility.Awaitility.await;

import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.ServiceProcess;
import dev.glancemigrator.stack.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The packaged cutover service as a process of its own (target/quarkus-app), configured from the stack
 * as a host would run it, with a token of the test's own, for tests that kill it or take its broker away.
 */
public final class CutoverProcess implements AutoCloseable {

    private static final String TOKEN = "it-" + UUID.randomUUID();
    private static final Path JAR = Path.of(System.getProperty("cutover.jar", "target/quarkus-app/quarkus-run.jar"));
    /**
     * A short guard lease for tests that kill a service: its successor (or the next test) waits for the
     * killed holder's lease to run out, a few seconds rather than the default minute. Renewed three times
     * per lease, as the service requires.
     */
    public static final Map<String, String> SHORT_LEASE = Map.of("CUTOVER_GUARD_LEASE", "PT6S",
            "CUTOVER_GUARD_RENEW_INTERVAL", "PT2S");
    private static final Duration GUARD_FREE = Duration.ofSeconds(90);

    private final ServiceProcess process;
    private final LocalStack stack;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private CutoverProcess(ServiceProcess process, LocalStack stack, int port) {
        this.process = process;
        this.stack = stack;
        this.port = port;
    }

    /**
     * Starts the service (log: target/cutover-{name}.log) with {@code settings} as environment (and
     * {@link #SHORT_LEASE} unless they say otherwise) once no killed instance holds the cutover guard any
     * more; returns once ready.
     */
    public static CutoverProcess start(LocalStack stack, String name, Map<String, String> settings) {
        awaitCutoverGuardFree(stack);
        Path target = JAR.getParent().getParent();
        Map<String, String> env = new HashMap<>(SHORT_LEASE);
        env.putAll(settings);
        env.put("GM_CUTOVER_TOKEN_FILE", tokenFile(target).toString());
        env.put("CUTOVER_HOST", "cutover-it-" + name);
        int port = freePort();
        return new CutoverProcess(ServiceProcess.start(stack, JAR, port, target.resolve("cutover-" + name + ".log"), env,
                "ready"), stack, port);
    }

    /** {@code POST /migrations/{id}/{action}} ({@code cutover}, {@code rollback}), waiting for the answer. */
    public HttpResponse<String> post(String migrationId, String action) {
        return postAsync(migrationId, action).join();
    }

    public CompletableFuture<HttpResponse<String>> postAsync(String migrationId, String action) {
        return http.sendAsync(request(migrationId, action).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /migrations/{id}/cutover}: the journal and the recorded events. */
    public HttpResponse<String> status(String migrationId) {
        return http.sendAsync(request(migrationId, "cutover").GET().build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    /** The readiness check's status code. */
    public int readiness() {
        try {
            return process.health("ready").statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, as a crash: no shutdown, no rollback of anything but the open database transaction. */
    public void kill() {
        process.kill();
    }

    public Path log() {
        return process.log();
    }

    /** Stops the service; once it is gone, no instance of it holds the cutover guard (a killed one's lease ran out). */
    @Override
    public void close() {
        if (process.alive()) {
            process.terminate();
        }
        awaitCutoverGuardFree(stack);
    }

    /** Waits until nobody's lease on the cutover guard runs (a killed holder's runs out; a stopped one released it). */
    public static void awaitCutoverGuardFree(LocalStack stack) {
        Sql ledger = Sql.ledger(stack);
        await("no instance holds the cutover guard").atMost(GUARD_FREE).pollInterval(Duration.ofMillis(500))
                .until(() -> ledger.count("SELECT COUNT(*) FROM cutover_guard WHERE name = 'cutover'"
                        + " AND holder_token IS NOT NULL AND lease_until > UTC_TIMESTAMP(6)") == 0);
    }

    private HttpRequest.Builder request(String migrationId, String action) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/migrations/" + migrationId + "/" + action))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofMinutes(5));
    }

    /** This test run's own token, in a file the service is pointed at, as an operator would provision it. */
    private static Path tokenFile(Path dir) {
        try {
            return Files.writeString(dir.resolve("cutover-it-token"), TOKEN + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
