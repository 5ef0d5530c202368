package dev.glancemigrator.cutover.run;

import dev.glancemigrator.cutover.db.Galera;
import dev.glancemigrator.cutover.events.CutoverEvents;
import dev.glancemigrator.cutover.guard.Lease;
import dev.glancemigrator.cutover.journal.CutoverJournal;
import dev.glancemigrator.cutover.journal.CutoverRun;
import dev.glancemigrator.cutover.journal.RunState;
import dev.glancemigrator.cutover.plan.LocationChange;
import dev.glancemigrator.cutover.plan.Migration;
import dev.glancemigrator.cutover.rows.GlanceRows;
import dev.glancemigrator.cutover.rows.JournaledRows;
import dev.glancemigrator.cutover.rows.RowsChangedException;
import dev.glancemigrator.events.Actor;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The journal, then Glance's rows, then the journal's mark: three commits on two databases (the ledger and
 * Glance's own, through their own users, perhaps on two servers), in this order so that every crash leaves
 * a state a re-run recognises:
 * <ul>
 * <li>journal committed, rows not: every journaled row holds its old value;</li>
 * <li>rows committed (one Glance transaction: all of them), mark not: every journaled row holds its new
 * value, and the re-run marks the run db_switched and carries on ({@link #recover});</li>
 * <li>mark committed: the run says db_switched.</li>
 * </ul>
 */
@Singleton
class RowSwitch {

    private static final Logger LOG = Logger.getLogger(RowSwitch.class);

    /** What a re-run found for a run that stopped after its journal. */
    enum Found {
        /** Glance committed the rows: the run is marked db_switched and goes on. */
        SWITCHED,
        /** Glance's rows are untouched: the run can be given up and planned afresh. */
        UNTOUCHED
    }

    private final Galera galera;
    private final GlanceRows rows;
    private final CutoverEvents events;
    private final MeterRegistry metrics;

    RowSwitch(Galera galera, GlanceRows rows, CutoverEvents events, MeterRegistry metrics) {
        this.galera = galera;
        this.rows = rows;
        this.events = events;
        this.metrics = metrics;
    }

    /** Records the run, every row it will rewrite and cutover-started, in one ledger transaction, before anything changes. */
    void journal(Connection ledger, CutoverRun run, List<LocationChange> changes) throws SQLException {
        galera.transaction(ledger, "journaling the cutover", () -> {
            CutoverJournal.insert(ledger, run);
            CutoverJournal.record(ledger, run.migrationId(), run.attempt(), changes);
            events.started(ledger, UUID.fromString(run.migrationId()), run.attempt(), run.operator(), run.actor(),
                    changes.size());
        });
        LOG.infof("migration %s: %s run %d, %d location rows journaled", run.migrationId(), run.kind().column(),
                run.attempt(), changes.size());
    }

    /**
     * Rewrites every journaled row in one Glance transaction, then marks the run db_switched. Rows that are not
     * as journaled (an upload since, a row changed) fail the run with nothing changed (409).
     */
    void switchRows(Connection ledger, Migration migration, CutoverRun run, Lease lease) throws SQLException {
        List<LocationChange> entries = CutoverJournal.entries(ledger, migration.id(), run.attempt());
        lease.ensureHeld();
        long started = System.nanoTime();
        try {
            // The lease is checked again inside Glance's transaction, just before it commits: a rewrite that took
            // longer than the lease (retries included) must not commit under another instance's run.
            rows.switchRows(entries, migration.sourceFsid(), migration.sourcePool(), lease::ensureHeld);
        } catch (RowsChangedException e) {
            String message = e.getMessage() + "; nothing was changed: cut over again";
            galera.transaction(ledger, "recording the failed row switch", () -> {
                CutoverJournal.transition(ledger, migration.id(), run.attempt(), RunState.FAILED, null, message);
                events.failed(ledger, UUID.fromString(migration.id()), run.attempt(), run.operator(), run.actor(),
                        "ROWS_CHANGED", message);
            });
            metrics.counter("cutover_runs_total", "outcome", "failed").increment();
            throw new CutoverConflictException(message);
        }
        LOG.infof("migration %s run %d: %d location rows rewritten in %d ms", migration.id(), run.attempt(), entries.size(),
                (System.nanoTime() - started) / 1_000_000);
        // Not behind ensureHeld: Glance committed, and the journal must say so whoever holds the guard now.
        markSwitched(ledger, run, entries.size(), null);
    }

    /**
     * A run that stopped after its journal: did Glance commit its rows? All new → marked db_switched; all old →
     * untouched. Anything else cannot come from one Glance transaction: refused loudly, nothing changed, so that
     * nobody plans over those rows (a rollback puts back every row still holding its journaled new value).
     * {@code actor} made the call that found it, and is named by its cutover-failed (not necessarily who started
     * the run).
     */
    Found recover(Connection ledger, CutoverRun run, Actor actor) throws SQLException {
        List<LocationChange> entries = CutoverJournal.entries(ledger, run.migrationId(), run.attempt());
        JournaledRows found = rows.compare(entries);
        if (found.switched()) {
            String note = "the service stopped after Glance committed the rows, before the journal said so; a re-run found "
                    + found.describe();
            LOG.infof("migration %s run %d: %s", run.migrationId(), run.attempt(), note);
            markSwitched(ledger, run, found.holdingNew(), note);
            return Found.SWITCHED;
        }
        if (found.untouched() || entries.isEmpty()) {
            return Found.UNTOUCHED;
        }
        String message = "run " + run.attempt() + " stopped after its journal and Glance's rows are neither all switched"
                + " nor all as before: " + found.describe() + ". Glance commits them in one transaction, so something else"
                + " changed them: compare glance.image_locations with GET /migrations/" + run.migrationId() + "/cutover"
                + " (the journal); POST .../rollback puts the journaled old values back";
        LOG.errorf("migration %s: %s", run.migrationId(), message);
        galera.transaction(ledger, "recording mixed rows", () -> {
            CutoverJournal.set(ledger, run.migrationId(), run.attempt(), "message", message);
            events.failed(ledger, UUID.fromString(run.migrationId()), run.attempt(), actor.userName(), actor,
                    "ROWS_MIXED", message);
        });
        metrics.counter("cutover_runs_total", "outcome", "failed").increment();
        throw new CutoverConflictException(message);
    }

    private void markSwitched(Connection ledger, CutoverRun run, int changed, String note) throws SQLException {
        galera.transaction(ledger, "marking the rows switched", () -> {
            CutoverJournal.transition(ledger, run.migrationId(), run.attempt(), RunState.DB_SWITCHED, "db_switched_at", note);
            CutoverJournal.set(ledger, run.migrationId(), run.attempt(), "rows_changed", changed);
        });
    }
}
