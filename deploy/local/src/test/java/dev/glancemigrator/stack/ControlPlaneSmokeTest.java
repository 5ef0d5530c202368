package dev.glancemigrator.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The stack looks like an OpenStack control plane: Glance's database on a three-node Galera cluster,
 * two Glance API nodes running as the glance user and authenticating through Keystone, and the
 * migrator's database users limited to what each needs.
 */
@Tag("stack")
class ControlPlaneSmokeTest {

    private final LocalStack stack = LocalStack.current();

    @Test
    void aWriteOnOneGaleraNodeIsReadOnEveryOther() throws SQLException {
        List<String> nodes = stack.databaseNodes();
        assertEquals(3, nodes.size(), "three Galera nodes: " + nodes);
        String table = "smoke_" + UUID.randomUUID().toString().replace("-", "");
        String ledger = stack.get("GM_LEDGER_DB");
        try (Connection first = ledger(1, ledger)) {
            try (Statement sql = first.createStatement()) {
                sql.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, note VARCHAR(40))");
                sql.execute("INSERT INTO " + table + " VALUES (1, 'written on node 1')");
            }
            for (int node = 2; node <= nodes.size(); node++) {
                try (Connection other = ledger(node, ledger); Statement sql = other.createStatement()) {
                    sql.execute("SET SESSION wsrep_sync_wait = 1"); // read what every node has committed
                    assertEquals(3, intValue(sql, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                            + " WHERE VARIABLE_NAME = 'WSREP_CLUSTER_SIZE'"), "node " + node + " sees the whole cluster");
                    try (ResultSet row = sql.executeQuery("SELECT note FROM " + table + " WHERE id = 1")) {
                        assertTrue(row.next(), "node " + node + " has the row written on node 1");
                        assertEquals("written on node 1", row.getString(1));
                    }
                }
            }
        } finally {
            try (Connection first = ledger(1, ledger); Statement sql = first.createStatement()) {
                sql.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    @Test
    void bothGlanceNodesRunAsTheGlanceUserAndServeTheSameImages() throws IOException {
        Map<String, String> nodes = stack.glanceNodeUrls();
        assertEquals(2, nodes.size(), "two Glance nodes: " + nodes);
        int glanceUid = (Integer) Files.getAttribute(Path.of(stack.get("GM_GLANCE_CONF")), "unix:uid");
        assertNotEquals(0, glanceUid, "Glance's config belongs to its own user, not root");
        for (String node : nodes.keySet()) {
            String pid = Files.readString(Path.of(stack.get("GM_STACK_DIR"), "pids", "glance-" + node + ".pid")).trim()
                    .split("\\s+")[0];
            String uidLine = Files.readAllLines(Path.of("/proc", pid, "status")).stream()
                    .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
            assertEquals(String.valueOf(glanceUid), uidLine.split("\\s+")[1], node + " runs as the glance user");
        }
        byte[] data = ("uploaded through api-1 " + UUID.randomUUID()).getBytes();
        GlanceApi first = new GlanceApi(stack, nodes.get("api-1"));
        String id = first.createWithData("control-plane-smoke", data);
        try {
            assertArrayEquals(data, new GlanceApi(stack, nodes.get("api-2")).download(id), "api-2 serves what api-1 stored");
        } finally {
            first.delete(id);
        }
    }

    @Test
    void everyGlanceNodeRefusesARequestWithoutAValidKeystoneToken() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String auditor = StackKeystone.of(stack).token("auditor");
        for (Map.Entry<String, String> node : stack.glanceNodeUrls().entrySet()) {
            URI images = URI.create(node.getValue() + "/v2/images?limit=1");
            assertEquals(401, http.send(HttpRequest.newBuilder(images).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), node.getKey() + " without a token");
            assertEquals(401, http.send(HttpRequest.newBuilder(images).header(StackKeystone.TOKEN_HEADER, "not-a-token")
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode(), node.getKey() + " with a bad token");
            assertEquals(200, http.send(HttpRequest.newBuilder(images).header(StackKeystone.TOKEN_HEADER, auditor)
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode(), node.getKey() + " with a reader's token");
        }
    }

    @Test
    void keystoneKeepsItsKeysInTheStateDirReadableByRootOnly() throws IOException {
        Path keystone = Path.of(stack.get("GM_STACK_DIR"), "keystone");
        for (String dir : List.of("fernet-keys", "credential-keys")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE), Files.getPosixFilePermissions(keystone.resolve(dir)), dir + " is 700");
        }
        Set<PosixFilePermission> clouds = Files.getPosixFilePermissions(Path.of(stack.get("GM_KEYSTONE_CLOUDS")));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), clouds, "clouds.yaml is 600");
    }

    @Test
    void theStateDirAndItsSecretsStayRoots() throws IOException {
        Path state = Path.of(stack.get("GM_STACK_DIR"));
        Path secrets = state.resolve("secrets");
        assertEquals(0, (Integer) Files.getAttribute(secrets, "unix:uid"), "secrets belong to root");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE), Files.getPosixFilePermissions(secrets), "secrets dir is 700");
        Set<PosixFilePermission> conf = Files.getPosixFilePermissions(Path.of(stack.get("GM_GLANCE_CONF")));
        assertTrue(conf.stream().noneMatch(p -> p.name().startsWith("OTHERS")), "glance-api.conf is not world-readable");
    }

    @Test
    void theCutoversGlanceUserRewritesLocationsAndNothingElse() throws SQLException {
        try (Connection db = DriverManager.getConnection(stack.glanceJdbcUrl(), stack.glanceWriterUser(),
                stack.glanceWriterPassword()); Statement sql = db.createStatement()) {
            sql.executeUpdate("UPDATE image_locations SET value = value WHERE id < 0");
            SQLException denied = assertThrows(SQLException.class,
                    () -> sql.executeUpdate("UPDATE images SET name = name WHERE id = ''"));
            assertTrue(denied.getMessage().contains("denied"), denied.getMessage());
        }
    }

    @Test
    void theLedgersUserHasNoRightsOnGlancesSchema() throws SQLException {
        try (Connection db = DriverManager.getConnection(stack.ledgerJdbcUrl(), stack.get("GM_DB_USER"), stack.dbPassword());
                Statement sql = db.createStatement()) {
            SQLException denied = assertThrows(SQLException.class,
                    () -> sql.executeQuery("SELECT COUNT(*) FROM " + stack.glanceDatabase() + ".image_locations"));
            assertTrue(denied.getMessage().contains("denied"), denied.getMessage());
        }
    }

    private Connection ledger(int node, String database) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrlOnNode(node, database), stack.get("GM_DB_USER"), stack.dbPassword());
    }

    private static int intValue(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getInt(1);
        }
    }
}
