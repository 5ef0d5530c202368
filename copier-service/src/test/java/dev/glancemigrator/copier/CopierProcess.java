package dev.glancemigrator.copier;

import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A copier-service process from the packaged jar, named by its host, as a host would run it. */
public final class CopierProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final String host;
    private final ServiceProcess process;

    private CopierProcess(String host, ServiceProcess process) {
        this.host = host;
        this.process = process;
    }

    /** Starts a copier named {@code host} on {@code port}, with extra settings, and waits until it is ready. */
    public static CopierProcess start(LocalStack stack, String host, int port, Map<String, String> settings) {
        return launch(stack, host, port, settings, "ready");
    }

    /** Starts a copier and waits only until it is alive (it may stay unready). */
    public static CopierProcess startAlive(LocalStack stack, String host, int port, Map<String, String> settings) {
        return launch(stack, host, port, settings, "live");
    }

    private static CopierProcess launch(LocalStack stack, String host, int port, Map<String, String> settings,
            String check) {
        Map<String, String> env = new HashMap<>(settings);
        env.put("COPIER_HOST", host);
        return new CopierProcess(host, ServiceProcess.start(stack, JAR, port, Path.of("target", host + ".log"), env, check));
    }

    public String host() {
        return host;
    }

    /** The readiness endpoint's status code and body. */
    public HttpResponse<String> readiness() {
        try {
            return process.health("ready");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no drain, no goodbye, as when a host dies. */
    public void kill() {
        process.kill();
    }

    /** SIGTERM: the copier drains. */
    public void terminate() {
        process.terminate();
    }

    /** SIGSTOP: frozen, as in a long GC pause or a partitioned host. */
    public void freeze() {
        process.freeze();
    }

    /** SIGCONT: carries on from where it was frozen. */
    public void thaw() {
        process.thaw();
    }

    /** Where its output goes. */
    public Path log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
