package dev.glancemigrator.cutover.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * MariaDB's named locks (GET_LOCK), held by a connection's session: released by {@link #release} or
 * when the session ends, so a killed holder never leaves one behind.
 */
public final class NamedLocks {

    private NamedLocks() {
    }

    /** Takes the lock without waiting; false when another session holds it. */
    public static boolean take(Connection connection, String name) throws SQLException {
        return call(connection, "SELECT GET_LOCK(?, 0)", name);
    }

    public static void release(Connection connection, String name) throws SQLException {
        call(connection, "SELECT RELEASE_LOCK(?)", name);
    }

    private static boolean call(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getInt(1) == 1;
            }
        }
    }
}
