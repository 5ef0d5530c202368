package dev.glancemigrator.cutover.db;

import dev.glancemigrator.cutover.config.CutoverConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * What a Galera cluster asks of a client, harmless on a single MariaDB or MySQL server:
 * <ul>
 * <li>a read that decides something must see every node's commits: {@code wsrep_sync_wait} is set on
 * the session for just that read ({@link #synced}) and put back after, so the other reads keep their
 * speed;</li>
 * <li>a writer that conflicts with another node's is aborted at commit (certification failure, error
 * 1213 / SQLSTATE 40001) where a single server would have made it wait: such a transaction is tried
 * again as a whole ({@link #retrying}).</li>
 * </ul>
 */
@Singleton
public class Galera {

    private static final Logger LOG = Logger.getLogger(Galera.class);
    /** ER_LOCK_DEADLOCK: a deadlock on one server, a certification failure (brute-force abort) on Galera. */
    private static final int DEADLOCK = 1213;
    private static final String SERIALIZATION_FAILURE = "40001";
    /** ER_UNKNOWN_SYSTEM_VARIABLE: a server built without wsrep (MySQL) does not know wsrep_sync_wait. */
    private static final int UNKNOWN_VARIABLE = 1193;

    private final int syncWait;
    private final int retries;
    private final Duration backoff;

    @Inject
    public Galera(CutoverConfig config) {
        this(config.galera().syncWait(), config.galera().certificationRetries(), config.galera().retryBackoff());
    }

    public Galera(int syncWait, int retries, Duration backoff) {
        this.syncWait = syncWait;
        this.retries = retries;
        this.backoff = backoff;
    }

    /** Runs {@code read} on {@code connection} with {@code wsrep_sync_wait} set, then puts the session's value back. */
    public <T> T synced(Connection connection, SqlWork<T> read) throws SQLException {
        if (syncWait == 0) {
            return read.run();
        }
        Integer before = sessionSyncWait(connection);
        if (before == null || before == syncWait) {
            return read.run();
        }
        setSyncWait(connection, syncWait);
        T result;
        try {
            result = read.run();
        } catch (SQLException | RuntimeException e) {
            try {
                setSyncWait(connection, before);
            } catch (SQLException reset) {
                e.addSuppressed(reset); // the read's failure is the one to tell (and to retry on)
            }
            throw e;
        }
        setSyncWait(connection, before);
        return result;
    }

    /**
     * Runs {@code transaction} (which opens, commits and rolls back its own transaction), again when Galera
     * aborted it at commit, up to the configured number of retries with a doubling wait between.
     */
    public <T> T retrying(String what, SqlWork<T> transaction) throws SQLException {
        long wait = backoff.toMillis();
        for (int attempt = 0;; attempt++) {
            try {
                return transaction.run();
            } catch (SQLException e) {
                if (!isCertificationFailure(e) || attempt >= retries) {
                    throw e;
                }
                LOG.warnf("%s: aborted by a conflicting write (%s); trying again (%d of %d)", what, e.getMessage(),
                        attempt + 1, retries);
                pause(wait);
                wait *= 2;
            }
        }
    }

    /** Whether the failure is Galera's certification failure (or a deadlock): the transaction may simply run again. */
    public static boolean isCertificationFailure(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                String message = e.getMessage() == null ? "" : e.getMessage();
                if (e.getErrorCode() == DEADLOCK || SERIALIZATION_FAILURE.equals(e.getSQLState())
                        || message.contains("Deadlock found") || message.contains("WSREP detected deadlock")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The session's wsrep_sync_wait, or null when the server does not know the variable (not a Galera build). */
    private static Integer sessionSyncWait(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT @@SESSION.wsrep_sync_wait");
                ResultSet row = query.executeQuery()) {
            return row.next() ? row.getInt(1) : null;
        } catch (SQLException e) {
            if (e.getErrorCode() == UNKNOWN_VARIABLE) {
                return null;
            }
            throw e;
        }
    }

    private static void setSyncWait(Connection connection, int value) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // An int from configuration, validated 0..15: no injection possible.
            statement.execute("SET SESSION wsrep_sync_wait = " + value);
        }
    }

    private static void pause(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to retry", e);
        }
    }

    /** One transaction on {@code connection}, run again when Galera aborts it at commit. */
    public void transaction(Connection connection, String what, Transactions.SqlAction work) throws SQLException {
        retrying(what, () -> Transactions.inTransaction(connection, () -> {
            work.run();
            return null;
        }));
    }
}
