package dev.glancemigrator.cutover.support;

import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.ServiceProcess;
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

    private final ServiceProcess process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private CutoverProcess(ServiceProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the service (log: target/cutover-{name}.log) with {@code settings} as environment; returns once ready. */
    public static CutoverProcess start(LocalStack stack, String name, Map<String, String> settings) {
        Path target = JAR.getParent().getParent();
        Map<String, String> env = new HashMap<>(settings);
        env.put("GM_CUTOVER_TOKEN_FILE", tokenFile(target).toString());
        env.put("CUTOVER_HOST", "cutover-it-" + name);
        int port = freePort();
        return new CutoverProcess(ServiceProcess.start(stack, JAR, port, target.resolve("cutover-" + name + ".log"), env,
                "ready"), port);
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

    @Override
    public void close() {
        if (process.alive()) {
            process.terminate();
        }
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
