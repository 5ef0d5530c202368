package dev.glancemigrator.copier;

import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.StackFaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A copier host of the local stack: copier-service's container image on a network namespace of its
 * own, started, cut off and removed through {@code stack.sh} as the chaos run does it.
 */
public final class CopierHost implements AutoCloseable {

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final StackFaults stack;
    private final URI url;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HEALTH_TIMEOUT).build();

    private CopierHost(String name, StackFaults stack, URI url, Path log) {
        this.name = name;
        this.stack = stack;
        this.url = url;
        this.log = log;
    }

    /** Starts host {@code name} with the copier's settings overridden by {@code settings}; returns once it is ready. */
    public static CopierHost start(LocalStack stack, String name, Map<String, String> settings) {
        StackFaults faults = new StackFaults(stack);
        List<String> arguments = new ArrayList<>(List.of("host-start", name));
        settings.forEach((key, value) -> arguments.add(key + "=" + value));
        String output = faults.run(arguments.toArray(String[]::new)).strip();
        URI url = URI.create(output.substring(output.lastIndexOf('\n') + 1));
        return new CopierHost(name, faults, url, Path.of(stack.get("GM_STACK_DIR"), "services", name + ".log"));
    }

    /** Its address on the stack's network. */
    public String address() {
        return url.getHost();
    }

    /** The host's name: what its events are signed with. */
    public String host() {
        return name;
    }

    /** Where a path inside the host finds the cluster's client conf (mounted read-only). */
    public static String cephConf(LocalStack stack, String cluster) {
        return stack.get("GM_FLEET_CEPH_DIR") + "/" + cluster + "/ceph.conf";
    }

    public HttpResponse<String> readiness() {
        try {
            return http.send(HttpRequest.newBuilder(url.resolve("/q/health/ready")).timeout(HEALTH_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Cut off the network: the host runs on, reaching neither Ceph nor Kafka. */
    public void cut() {
        stack.cut(name);
    }

    public void reconnect() {
        stack.reconnect(name);
    }

    /** Its output, as the container runtime writes it (each line prefixed with a time and stream). */
    public Path log() {
        return log;
    }

    /** Stopped (drained) and removed. */
    @Override
    public void close() {
        stack.run("host-remove", name);
    }
}
