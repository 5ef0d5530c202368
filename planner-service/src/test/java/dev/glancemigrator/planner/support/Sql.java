package dev.glancemigrator.planner.support;

import dev.glancemigrator.stack.LocalStack;
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
 * Plain JDBC on the stack's databases, for tests that check the planner from outside: Glance's
 * database through the read-only user, the ledger through the migrator user.
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

    public static Sql glance() {
        LocalStack stack = LocalStack.current();
        return new Sql(stack.jdbcUrl(stack.glanceDatabase()), stack.dbReadOnlyUser(), stack.dbReadOnlyPassword());
    }

    public static Sql ledger() {
        LocalStack stack = LocalStack.current();
        Map<String, String> config = stack.asConfig();
        return new Sql(stack.jdbcUrl(stack.get("GM_LEDGER_DB")), stack.get("GM_DB_USER"), config.get("GM_DB_PASSWORD"));
    }

    /** Every row, each as column label → value, in the query's order. */
    public List<Map<String, Object>> rows(String query, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
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
            }
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    /** Runs a statement that returns no rows; returns how many rows it changed. */
    public int execute(String statement, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            return prepared.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    public long count(String query, Object... parameters) {
        return ((Number) rows(query, parameters).get(0).values().iterator().next()).longValue();
    }

    public List<String> strings(String query, Object... parameters) {
        return rows(query, parameters).stream().map(row -> String.valueOf(row.values().iterator().next())).toList();
    }
}
