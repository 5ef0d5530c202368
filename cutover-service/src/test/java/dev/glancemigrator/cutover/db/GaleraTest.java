package dev.glancemigrator.cutover.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GaleraTest {

    private static final SQLException CERTIFICATION_FAILURE = new SQLTransactionRollbackException(
            "WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction", "40001", 1213);

    private final Galera galera = new Galera(1, 2, Duration.ofMillis(1));

    @Test
    void aCertificationFailureOrADeadlockIsRecognisedByCodeStateOrMessage() {
        assertTrue(Galera.isCertificationFailure(CERTIFICATION_FAILURE));
        assertTrue(Galera.isCertificationFailure(new SQLException("x", "HY000", 1213)));
        assertTrue(Galera.isCertificationFailure(new SQLException("x", "40001", 0)));
        assertTrue(Galera.isCertificationFailure(new SQLException("wrapped", new SQLException(
                "Deadlock found when trying to get lock; try restarting transaction"))));
        assertFalse(Galera.isCertificationFailure(new SQLException("Lock wait timeout exceeded", "HY000", 1205)));
        assertFalse(Galera.isCertificationFailure(new SQLException("Access denied", "28000", 1045)));
    }

    @Test
    void anAbortedTransactionRunsAgainUntilItCommits() throws SQLException {
        AtomicInteger runs = new AtomicInteger();
        int result = galera.retrying("test", () -> {
            if (runs.incrementAndGet() < 3) {
                throw CERTIFICATION_FAILURE;
            }
            return 42;
        });
        assertEquals(42, result);
        assertEquals(3, runs.get(), "two retries after the first run");
    }

    @Test
    void anAbortedTransactionFailsOnceTheRetriesAreSpent() {
        AtomicInteger runs = new AtomicInteger();
        SQLException thrown = assertThrows(SQLException.class, () -> galera.retrying("test", () -> {
            runs.incrementAndGet();
            throw CERTIFICATION_FAILURE;
        }));
        assertSame(CERTIFICATION_FAILURE, thrown);
        assertEquals(3, runs.get());
    }

    @Test
    void anyOtherFailureIsNotRetried() {
        AtomicInteger runs = new AtomicInteger();
        assertThrows(SQLException.class, () -> galera.retrying("test", () -> {
            runs.incrementAndGet();
            throw new SQLException("Access denied", "28000", 1045);
        }));
        assertEquals(1, runs.get());
    }
}
