package dev.glancemigrator.copier;

import dev.glancemigrator.stack.LocalStack;
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

/** A copier-service process from the packaged jar, as a host would run it. */
public final class CopierProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String host;
    private final int port;
    private final Process process;

    private CopierProcess(String host, int port, Process process) {
        this.host = host;
        this.port = port;
        this.process = process;
    }

    /** Starts a copier named {@code host} on {@code port}, with extra settings, and waits until it is ready. */
    public static CopierProcess start(LocalStack stack, String host, int port, Map<String, String> settings) {
        CopierProcess copier = launch(stack, host, port, settings);
        copier.awaitHealth("ready");
        return copier;
    }

    /** Starts a copier and waits only until it is alive (it may stay unready). */
    public static CopierProcess startAlive(LocalStack stack, String host, int port, Map<String, String> settings) {
        CopierProcess copier = launch(stack, host, port, settings);
        copier.awaitHealth("live");
        return copier;
    }

    /** The readiness endpoint's status code and body. */
    public HttpResponse<String> readiness() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CopierProcess launch(LocalStack stack, String host, int port, Map<String, String> settings) {
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-jar", JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", host + ".log").toFile());
        builder.environment().putAll(stack.asConfig());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("COPIER_HOST", host);
        settings.forEach(builder.environment()::put);
        try {
            return new CopierProcess(host, port, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return host;
    }

    /** SIGKILL: no drain, no goodbye, as when a host dies. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM: the copier drains. */
    public void terminate() {
        process.destroy();
        waitFor();
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
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(host + " exited with " + process.exitValue() + "; see target/" + host + ".log");
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/" + check)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(host + " not " + check + " within " + READY_TIMEOUT);
    }
}
