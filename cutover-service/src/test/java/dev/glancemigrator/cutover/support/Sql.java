package dev.glancemigrator.cutover.support;

import dev.glancemigrator.stack.LocalStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC as the migrator user (ledger read-write, Glance read, image_locations update), for fixtures and checks. */
public final class Sql {

    private final String url;
    private final String user;
    private final String password;

    public Sql(LocalStack stack) {
        this.url = stack.jdbcUrl(stack.get("GM_LEDGER_DB"));
        this.user = stack.get("GM_DB_USER");
        this.password = stack.asConfig().get("GM_DB_PASSWORD");
    }

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

    /** The first column of every row, as strings. */
    public List<String> strings(String query, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    values.add(result.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }
}
