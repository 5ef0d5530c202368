package dev.glancemigrator.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glancemigrator.stack.LocalStack.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The real Glance on the stack stores uploads in the `old` cluster exactly as the migrator expects. */
@Tag("stack")
class GlanceUploadSmokeTest {

    private static final int UPLOAD_BYTES = 9 * 1024 * 1024 + 4321; // spans two 8 MiB objects

    private final LocalStack stack = LocalStack.current();
    private final GlanceApi glance = new GlanceApi(stack);
    private final RbdCli oldAdmin = RbdCli.admin(stack, Cluster.OLD);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void uploadLandsAsProtectedSnapshotOnOldWithOldFsidLocationAndSha512() throws Exception {
        byte[] data = new byte[UPLOAD_BYTES];
        new Random(42).nextBytes(data);
        String id = glance.createWithData("smoke-upload-ünïcode", data);
        String spec = stack.pool() + "/" + id;

        try (Connection db = DriverManager.getConnection(stack.glanceJdbcUrl(),
                stack.dbReadOnlyUser(), stack.dbReadOnlyPassword())) {
            PreparedStatement image = db.prepareStatement(
                    "SELECT status, size, os_hash_algo, os_hash_value FROM images WHERE id = ?");
            image.setString(1, id);
            ResultSet row = image.executeQuery();
            assertTrue(row.next(), "image row");
            assertEquals("active", row.getString("status"));
            assertEquals(UPLOAD_BYTES, row.getLong("size"));
            assertEquals("sha512", row.getString("os_hash_algo"));
            assertEquals(sha512(data), row.getString("os_hash_value"));

            PreparedStatement location = db.prepareStatement(
                    "SELECT value, meta_data, deleted FROM image_locations WHERE image_id = ?");
            location.setString(1, id);
            ResultSet loc = location.executeQuery();
            assertTrue(loc.next(), "location row");
            assertEquals("rbd://" + stack.fsid(Cluster.OLD) + "/" + spec + "/snap", loc.getString("value"));
            assertEquals(stack.get("GM_GLANCE_STORE"), json.readTree(loc.getString("meta_data")).get("store").asText());
            assertEquals(0, loc.getInt("deleted"));
        }

        JsonNode info = json.readTree(oldAdmin.check("info", "--format", "json", spec));
        assertEquals(UPLOAD_BYTES, info.get("size").asLong());
        JsonNode snaps = json.readTree(oldAdmin.check("snap", "ls", "--format", "json", spec));
        assertEquals(1, snaps.size());
        assertEquals("snap", snaps.get(0).get("name").asText());
        assertEquals("true", snaps.get(0).get("protected").asText());

        Path exported = Files.createTempFile("smoke-", ".img");
        try {
            Files.delete(exported);
            oldAdmin.check("export", "--no-progress", spec + "@snap", exported.toString());
            assertArrayEquals(data, Files.readAllBytes(exported));
        } finally {
            Files.deleteIfExists(exported);
        }
    }

    private static String sha512(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
    }
}
