package dev.glancemigrator.copier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.LocalStack.Cluster;
import dev.glancemigrator.stack.RbdCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on copies made with Ceph's own rbd CLI, not with the code under test. */
public final class RbdContent {

    private final LocalStack stack;
    private final ObjectMapper json = new ObjectMapper();

    public RbdContent(LocalStack stack) {
        this.stack = stack;
    }

    /** The target snapshot holds exactly the source snapshot's bytes, and is protected. */
    public void assertCopied(String imageId) {
        assertArrayEquals(export(Cluster.OLD, imageId), export(Cluster.NEW, imageId), "bytes of " + imageId);
        JsonNode snaps = readJson(RbdCli.admin(stack, Cluster.NEW).check("snap", "ls", "--format", "json", spec(imageId)));
        assertEquals(1, snaps.size());
        assertEquals("snap", snaps.get(0).get("name").asText());
        assertEquals("true", snaps.get(0).get("protected").asText());
    }

    /** Bytes allocated in the image's snapshot (rbd du), for thinness checks. */
    public long usedBytes(Cluster cluster, String imageId) {
        JsonNode du = readJson(RbdCli.admin(stack, cluster).check("du", "--format", "json", spec(imageId) + "@snap"));
        return du.get("images").get(0).get("used_size").asLong();
    }

    public byte[] export(Cluster cluster, String imageId) {
        return exportSpec(cluster, spec(imageId) + "@snap");
    }

    /** The image's head, for images without a snapshot. */
    public byte[] exportHead(Cluster cluster, String imageId) {
        return exportSpec(cluster, spec(imageId));
    }

    private byte[] exportSpec(Cluster cluster, String spec) {
        try {
            Path file = Files.createTempFile("export-", ".img");
            try {
                Files.delete(file);
                RbdCli.admin(stack, cluster).check("export", "--no-progress", spec, file.toString());
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String spec(String imageId) {
        return stack.pool() + "/" + imageId;
    }

    private JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
