package dev.glancemigrator.copier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.LocalStack.Cluster;
import dev.glancemigrator.stack.RbdCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The target cluster's OSD blocklist, and who watches an image there, through Ceph's own CLI. */
public final class Blocklist {

    private final LocalStack stack;
    private final ObjectMapper json = new ObjectMapper();

    public Blocklist(LocalStack stack) {
        this.stack = stack;
    }

    /** The address of the one client watching {@code image} in the pool: the one that has it open for writing. */
    public String watcherOf(String image) {
        JsonNode status = readJson(RbdCli.admin(stack, Cluster.NEW).check("status", "--format", "json",
                stack.pool() + "/" + image));
        JsonNode watchers = status.get("watchers");
        if (watchers.size() != 1) {
            throw new AssertionError("not one watcher of " + image + ": " + status);
        }
        return watchers.get(0).get("address").asText();
    }

    /** The client addresses the OSDs refuse. */
    public List<String> addresses() {
        List<String> addresses = new ArrayList<>();
        readJson(ceph("osd", "blocklist", "ls", "--format", "json")).forEach(entry -> addresses.add(entry.get("addr").asText()));
        return addresses;
    }

    /** As an operator, or librbd breaking a lock, does. */
    public void add(String address) {
        ceph("osd", "blocklist", "add", address);
    }

    public void remove(String address) {
        ceph("osd", "blocklist", "rm", address);
    }

    private String ceph(String... args) {
        List<String> command = new ArrayList<>(List.of("ceph", "--conf", stack.adminConf(Cluster.NEW).toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("ceph " + String.join(" ", args) + " failed");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
