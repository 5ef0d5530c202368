package dev.glancemigrator.cutover.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Explicit JDBC transactions (the datasources run without a transaction manager). */
public final class Transactions {

    private Transactions() {
    }

    /** Runs {@code work} in one transaction on {@code connection}: committed when it returns, rolled back when it throws. */
    public static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** {@link #inTransaction(Connection, SqlWork)} for work without a result. */
    public static void inTransaction(Connection connection, SqlAction work) throws SQLException {
        inTransaction(connection, () -> {
            work.run();
            return null;
        });
    }

    /** A piece of JDBC work without a result. */
    @FunctionalInterface
    public interface SqlAction {
        void run() throws SQLException;
    }
}
