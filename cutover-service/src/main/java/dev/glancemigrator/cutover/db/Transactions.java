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
        Exception failure = null;
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            failure = e;
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            autoCommitAgain(connection, failure);
        }
    }

    /** Ends the transaction mode; a failure to do so is told with the failure in flight, never instead of it. */
    private static void autoCommitAgain(Connection connection, Exception failure) throws SQLException {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException reset) {
            if (failure == null) {
                throw reset;
            }
            failure.addSuppressed(reset);
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
