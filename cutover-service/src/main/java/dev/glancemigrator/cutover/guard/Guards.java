package dev.glancemigrator.cutover.guard;

import dev.glancemigrator.api.ServiceHost;
import dev.glancemigrator.cutover.config.CutoverConfig;
import dev.glancemigrator.cutover.db.Galera;
import dev.glancemigrator.cutover.db.Transactions;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one-at-a-time guards as rows of the ledger with an owner and a lease (GET_LOCK, which a single
 * server offered, is not replicated by Galera: two nodes would both grant it). A guard is taken in a
 * transaction that reads its row with every node's commits applied ({@code wsrep_sync_wait}) and locks
 * it; two instances taking it on two nodes at once conflict at commit, where Galera aborts one of them,
 * which then reads the winner. The holder's {@link Lease} renews it in the background until closed; a
 * killed holder stops renewing and the guard passes on once its lease has run out.
 */
@Singleton
public class Guards {

    /** Every cutover and rollback. */
    public static final String CUTOVER = "cutover";
    /** The outbox relay. */
    public static final String OUTBOX_RELAY = "outbox-relay";
    /** At most this share of the lease between renewals, so that a renewal or two may fail without losing it. */
    private static final int RENEWALS_PER_LEASE = 3;

    private final AgroalDataSource ledger;
    private final Galera galera;
    private final String host;
    private final Duration lease;
    private final Duration renewInterval;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "guard-lease-renewer");
        thread.setDaemon(true);
        return thread;
    });

    Guards(AgroalDataSource ledger, Galera galera, ServiceHost host, CutoverConfig config) {
        this.ledger = ledger;
        this.galera = galera;
        this.host = host.name();
        this.lease = config.guard().lease();
        this.renewInterval = config.guard().renewInterval();
        if (renewInterval.isNegative() || renewInterval.isZero()
                || renewInterval.multipliedBy(RENEWALS_PER_LEASE).compareTo(lease) > 0) {
            throw new IllegalStateException("cutover.guard.renew-interval (" + renewInterval + ") must be positive and at most"
                    + " a third of cutover.guard.lease (" + lease + ")");
        }
    }

    /**
     * Takes the guard for {@code purpose} (shown to whoever is refused meanwhile), renewed until the lease is
     * closed.
     *
     * @throws GuardHeldException when another instance holds it and its lease runs
     */
    public Lease take(String guard, String purpose) throws SQLException {
        String token = UUID.randomUUID().toString();
        long startedAt = System.nanoTime();
        try (Connection connection = ledger.getConnection()) {
            GuardRows.State state = galera.retrying("taking guard " + guard, () -> galera.synced(connection,
                    () -> Transactions.inTransaction(connection, () -> {
                        GuardRows.State found = GuardRows.lock(connection, guard);
                        if (!found.takenByAnother(token)) {
                            GuardRows.take(connection, guard, token, host, purpose, lease);
                        }
                        return found;
                    })));
            if (state.takenByAnother(token)) {
                throw new GuardHeldException(guard, state.holder());
            }
        } catch (SQLException e) {
            if (!Galera.isCertificationFailure(e)) {
                throw e;
            }
            // Still aborted after the retries: another instance keeps winning. Name it.
            throw new GuardHeldException(guard, holder(guard).orElse(new GuardHolder("unknown", "unknown", null, null)));
        }
        return new Lease(this, guard, token, startedAt + lease.toNanos());
    }

    /** Takes the guard, or empty when another instance holds it. */
    public Optional<Lease> tryTake(String guard, String purpose) throws SQLException {
        try {
            return Optional.of(take(guard, purpose));
        } catch (GuardHeldException e) {
            return Optional.empty();
        }
    }

    /** Who holds the guard now (every node's commits seen), if anyone's lease runs. */
    public Optional<GuardHolder> holder(String guard) throws SQLException {
        try (Connection connection = ledger.getConnection()) {
            return galera.synced(connection, () -> GuardRows.holder(connection, guard));
        }
    }

    Duration lease() {
        return lease;
    }

    Duration renewInterval() {
        return renewInterval;
    }

    ScheduledExecutorService renewer() {
        return renewer;
    }

    /** Extends the lease; false when the token no longer holds the guard. */
    boolean renew(String guard, String token) throws SQLException {
        try (Connection connection = ledger.getConnection()) {
            return galera.retrying("renewing guard " + guard, () -> GuardRows.renew(connection, guard, token, lease));
        }
    }

    void release(String guard, String token) throws SQLException {
        try (Connection connection = ledger.getConnection()) {
            galera.retrying("releasing guard " + guard, () -> {
                GuardRows.release(connection, guard, token);
                return null;
            });
        }
    }

    @PreDestroy
    void stop() {
        renewer.shutdownNow();
    }
}
