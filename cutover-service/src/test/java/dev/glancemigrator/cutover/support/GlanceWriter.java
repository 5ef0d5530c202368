package dev.glancemigrator.cutover.support;

import dev.glancemigrator.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Glance's database as the cutover's writer user reaches it (SELECT on glance.*, UPDATE on
 * glance.image_locations): the ledger's user has no rights there. For fixtures that move a location
 * row, and for tests that hold a row lock where the service's Glance connections go.
 */
public final class GlanceWriter {

    private final LocalStack stack;

    public GlanceWriter(LocalStack stack) {
        this.stack = stack;
    }

    /** A connection to Glance's database on the node the services use ({@code GM_GLANCE_DB_PORT}). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + stack.get("GM_GLANCE_DB_HOST") + ":"
                + stack.get("GM_GLANCE_DB_PORT") + "/" + stack.glanceDatabase(), stack.get("GM_GLANCE_DB_WRITER_USER"),
                secret(stack.get("GM_GLANCE_DB_WRITER_PASSWORD_FILE")));
    }

    public int execute(String statement, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement prepared = prepare(connection, statement, parameters)) {
            return prepared.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    /** The first column of every row, as strings. */
    public List<String> strings(String query, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, query, parameters);
                ResultSet result = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static String secret(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
