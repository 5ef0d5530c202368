package dev.glancemigrator.cutover.support;

import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.StackKeystone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The stack's Glance nodes as stack.env lists them ({@code GM_GLANCE_NODES}, and per node its URL,
 * glance-api.conf and restart command), for tests that download through each node and put each back.
 */
public final class GlanceFleetNodes {

    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);
    private static final long RESTART_TIMEOUT_SECONDS = 180;

    public record Node(String name, URI url, Path conf, String restartCommand) {

        /** Where the switch writes a cluster's Ceph client files for this node. */
        public Path cephDir(String cluster) {
            return conf.getParent().resolve("ceph").resolve(cluster);
        }

        public String confText() {
            try {
                return Files.readString(conf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final LocalStack stack;
    private final List<Node> nodes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public GlanceFleetNodes(LocalStack stack) {
        this.stack = stack;
        this.nodes = Arrays.stream(stack.get("GM_GLANCE_NODES").trim().split("\\s+")).map(name -> {
            String key = "GM_GLANCE_" + name.toUpperCase().replace('-', '_');
            return new Node(name, URI.create(stack.get(key + "_URL")), Path.of(stack.get(key + "_CONF")),
                    stack.get(key + "_RESTART"));
        }).toList();
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** Each node's glance-api.conf text, by node name. */
    public Map<String, String> confTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        nodes.forEach(node -> texts.put(node.name(), node.confText()));
        return texts;
    }

    /** The image's bytes as {@code node} serves them, downloaded as the stack's operator (a Keystone token). */
    public byte[] download(Node node, String imageId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.url() + "/v2/images/" + imageId + "/file"))
                .timeout(DOWNLOAD_TIMEOUT).header(StackKeystone.TOKEN_HEADER, StackKeystone.of(stack).token("operator"))
                .GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(node.name() + " answered " + response.statusCode() + " to GET " + request.uri());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(node.name() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The last line of defence for the shared Glance: every node whose glance-api.conf is not as the
     * test found it gets the saved text back (owner and mode kept) and is restarted.
     */
    public void ensureOnOld(Map<String, String> originals) {
        for (Node node : nodes) {
            String original = originals.get(node.name());
            if (original == null || original.equals(node.confText())) {
                continue;
            }
            System.err.println(node.name() + "'s glance-api.conf was left switched: restoring it and restarting the node");
            try {
                Path temp = Files.createTempFile(node.conf().getParent(), ".glance-api.conf.", ".restore");
                Files.writeString(temp, original);
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(node.conf()));
                Files.setOwner(temp, Files.getOwner(node.conf()));
                Files.move(temp, node.conf(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                restart(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Removes the backups of every node's glance-api.conf the cutover kept for {@code migrationId}. */
    public void removeBackups(String migrationId) {
        for (Node node : nodes) {
            String prefix = node.conf().getFileName() + ".cutover-" + migrationId + "-";
            try (var files = Files.list(node.conf().getParent())) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                System.err.println("could not remove the config backups of " + node.name() + ": " + e.getMessage());
            }
        }
    }

    private static void restart(Node node) {
        try {
            Process restart = new ProcessBuilder("sh", "-c", node.restartCommand()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            restart.waitFor(RESTART_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public LocalStack stack() {
        return stack;
    }
}
