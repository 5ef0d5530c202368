package dev.glancemigrator.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void aLostOrRefusedConnectionAnywhereInTheCausesIsAnOutage() {
        assertTrue(DatabaseOutage.causedBy(new IllegalStateException("wrapped",
                new SQLTransientConnectionException("Communications link failure"))));
        assertTrue(DatabaseOutage.causedBy(new RuntimeException(new SQLException("gone away", "08S01", 0))));
        assertTrue(DatabaseOutage.causedBy(new SQLException("Access denied for user 'migrator_ro'", "28000", 1045)));
        assertTrue(DatabaseOutage.causedBy(new SQLException("Account is locked", "HY000", 4151)));
    }

    @Test
    void aStatementTheDatabaseRefusesIsNoOutage() {
        assertFalse(DatabaseOutage.causedBy(new SQLException("Data too long for column 'x'", "22001", 1406)));
        assertFalse(DatabaseOutage.causedBy(new IllegalArgumentException("bad")));
    }
}
