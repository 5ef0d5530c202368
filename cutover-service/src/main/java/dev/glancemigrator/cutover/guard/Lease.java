package dev.glancemigrator.cutover.guard;

import java.sql.SQLException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A guard this instance holds, renewed every renew-interval until {@link #close()} releases it. The work
 * it guards calls {@link #ensureHeld()} before each change it commits: when renewals failed for a whole
 * lease (the ledger unreachable, say), another instance may have taken the guard, so the work stops.
 */
public final class Lease implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Lease.class);

    private final Guards guards;
    private final String guard;
    private final String token;
    private final ScheduledFuture<?> renewal;
    /** System.nanoTime() until which the database holds the lease for us: taken before the last renewal's statement. */
    private volatile long validUntil;
    private volatile boolean lost;

    Lease(Guards guards, String guard, String token, long validUntil) {
        this.guards = guards;
        this.guard = guard;
        this.token = token;
        this.validUntil = validUntil;
        long every = guards.renewInterval().toNanos();
        this.renewal = guards.renewer().scheduleWithFixedDelay(this::renew, every, every, TimeUnit.NANOSECONDS);
    }

    /** Whether the lease still runs, by this instance's own clock. */
    public boolean held() {
        return !lost && System.nanoTime() - validUntil < 0;
    }

    /** @throws LeaseLostException when this instance cannot show it still holds the guard */
    public void ensureHeld() {
        if (!held()) {
            throw new LeaseLostException("this instance lost guard '" + guard + "' (its lease ran out unrenewed or"
                    + " another instance took it); it stopped before the next change: ask again");
        }
    }

    private void renew() {
        long startedAt = System.nanoTime();
        try {
            if (guards.renew(guard, token)) {
                validUntil = startedAt + guards.lease().toNanos();
            } else {
                lost = true;
                renewal.cancel(false);
                LOG.errorf("guard '%s': another instance holds it now; this one stops before its next change", guard);
            }
        } catch (SQLException | RuntimeException e) {
            // Tried again at the next interval; the lease runs out if this goes on (see ensureHeld).
            LOG.warnf("guard '%s': cannot renew the lease: %s", guard, e.getMessage());
        }
    }

    @Override
    public void close() {
        renewal.cancel(false);
        if (lost) {
            return;
        }
        try {
            guards.release(guard, token);
        } catch (SQLException | RuntimeException e) {
            // Not fatal: the guard passes on when the lease runs out.
            LOG.warnf("guard '%s': cannot release it (%s); it passes on when its lease runs out", guard, e.getMessage());
        }
    }
}
