package dev.glancemigrator.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JDBC on the stack's databases, for tests that check a service from outside: Glance's database
 * through the read-only user, the ledger through the migrator user (which also reads Glance's database
 * and updates its {@code image_locations}). The test's classpath brings the MySQL driver.
 */
public final class Sql {

    private final String url;
    private final String user;
    private final String password;

    private Sql(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Glance's database, read-only. */
    public static Sql glance(LocalStack stack) {
        return new Sql(stack.glanceJdbcUrl(), stack.dbReadOnlyUser(), stack.dbReadOnlyPassword());
    }

    public static Sql glance() {
        return glance(LocalStack.current());
    }

    /**
     * Glance's database as the cutover's writer user reaches it (SELECT on it, UPDATE on image_locations
     * only), on the node the stack names for it: the ledger's user has no rights there.
     */
    public static Sql glanceWriter(LocalStack stack) {
        return new Sql(stack.glanceJdbcUrl(), stack.glanceWriterUser(), stack.glanceWriterPassword());
    }

    /** A connection of this user's, for a test that holds a lock or a transaction open itself. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The ledger database, as the migrator user. */
    public static Sql ledger(LocalStack stack) {
        return new Sql(stack.ledgerJdbcUrl(), stack.get("GM_DB_USER"), stack.dbPassword());
    }

    public static Sql ledger() {
        return ledger(LocalStack.current());
    }

    /** Every row, each as column label → value, in the query's order. */
    public List<Map<String, Object>> rows(String query, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, query, parameters);
                ResultSet result = statement.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 1; c <= columns; c++) {
                    row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    /** Runs a statement that returns no rows; returns how many rows it changed. */
    public int execute(String statement, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement prepared = prepare(connection, statement, parameters)) {
            return prepared.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row, as a number (a COUNT). */
    public long count(String query, Object... parameters) {
        return ((Number) rows(query, parameters).get(0).values().iterator().next()).longValue();
    }

    /** The first column of every row, as strings. */
    public List<String> strings(String query, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, query, parameters);
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

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
