package dev.glancemigrator.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.stack.LocalStack.Cluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The keys and DB users the stack hands to the migrator allow what it needs and nothing more. */
@Tag("stack")
class AccessRightsSmokeTest {

    private final LocalStack stack = LocalStack.current();
    private final String probe = stack.pool() + "/access-probe-" + UUID.randomUUID();

    @Test
    void migratorKeyOnOldReadsButCannotWrite() {
        RbdCli readOnly = new RbdCli(stack.readOnlyConf(Cluster.OLD), stack.readOnlyUser(Cluster.OLD));

        RbdCli.Result list = readOnly.run("ls", stack.pool());
        assertEquals(0, list.exitCode(), "the read-only key can list: " + list.stderr());

        RbdCli.Result create = readOnly.run("create", "--size", "1M", probe);
        assertNotEquals(0, create.exitCode(), "a read-only key must not create images");
        assertTrue(create.stderr().contains("Operation not permitted"), create.stderr());
        assertFalse(RbdCli.admin(stack, Cluster.OLD).check("ls", stack.pool()).contains(probe.split("/")[1]));
    }

    @Test
    void migratorKeyOnNewCreatesAndRemovesImages() {
        RbdCli readWrite = new RbdCli(stack.readWriteConf(), stack.readWriteUser());

        readWrite.check("create", "--size", "1M", probe);
        assertTrue(RbdCli.admin(stack, Cluster.NEW).check("ls", stack.pool()).contains(probe.split("/")[1]));
        readWrite.check("rm", "--no-progress", probe);
    }

    @Test
    void migratorDatabaseUserForGlanceCannotWrite() throws SQLException {
        try (Connection db = DriverManager.getConnection(stack.glanceJdbcUrl(),
                stack.dbReadOnlyUser(), stack.dbReadOnlyPassword())) {
            SQLException denied = assertThrows(SQLException.class,
                    () -> db.createStatement().executeUpdate("UPDATE image_locations SET value = value"));
            assertTrue(denied.getMessage().contains("denied"), denied.getMessage());
        }
    }
}
