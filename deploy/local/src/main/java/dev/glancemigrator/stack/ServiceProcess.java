package dev.glancemigrator.stack;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A service process from its packaged Quarkus jar, configured from the stack's endpoints file as a
 * host would run it, for tests that kill, stop and restart services for real.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(250);

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code jar} on {@code port} with the stack's configuration plus {@code settings}
     * (environment variables), output to {@code log}; returns once its health check {@code check}
     * ("ready" or "live") answers 200.
     */
    public static ServiceProcess start(LocalStack stack, Path jar, int port, Path log, Map<String, String> settings,
            String check) {
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(stack.asConfig());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().putAll(settings);
        try {
            ServiceProcess service = new ServiceProcess(builder.start(), port, log);
            service.awaitHealth(check);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The health endpoint's answer ({@code check}: "ready", "live"). */
    public HttpResponse<String> health(String check) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/" + check)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: no drain, no goodbye, as when a host dies. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM: the service shuts down as it would on a normal stop. */
    public void terminate() {
        process.destroy();
        waitFor();
    }

    /** SIGSTOP: every thread stops at once, as in a long GC pause or a host cut off from the network. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT: a frozen process carries on where it stopped, unaware that time passed. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited " + kill.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitHealth(String check) {
        await("the service is " + check + "; see " + log).atMost(START_TIMEOUT).pollInterval(POLL)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
                    }
                    try {
                        return health(check).statusCode() == 200;
                    } catch (IOException notYet) {
                        return false; // not listening yet
                    }
                });
    }
}
