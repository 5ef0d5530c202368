package dev.glancemigrator.cutover.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glancemigrator.cutover.db.Galera;
import dev.glancemigrator.cutover.events.CutoverEvents;
import dev.glancemigrator.cutover.glance.ConfigBackup;
import dev.glancemigrator.cutover.glance.GlanceConfigSwitch;
import dev.glancemigrator.cutover.guard.Lease;
import dev.glancemigrator.cutover.journal.CutoverJournal;
import dev.glancemigrator.cutover.journal.CutoverRun;
import dev.glancemigrator.cutover.journal.RunKind;
import dev.glancemigrator.cutover.journal.RunState;
import dev.glancemigrator.cutover.plan.LocationChange;
import dev.glancemigrator.cutover.rows.GlanceRows;
import dev.glancemigrator.cutover.rows.RowRestore;
import dev.glancemigrator.events.Actor;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The way back, one run at a time: the latest run not yet rolled back (a delta run before the cutover it
 * followed). A full run's config backup is restored and Glance restarted; then the journaled rows that hold
 * what the run wrote get their old values back in one Glance transaction; then the run is marked rolled back
 * with cutover-rolled-back. A crash between the two commits is harmless: the re-run finds the rows already
 * old and counts them restored.
 */
@Singleton
class Rollbacks {

    private static final Logger LOG = Logger.getLogger(Rollbacks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Galera galera;
    private final GlanceRows rows;
    private final RowSwitch rowSwitch;
    private final RunFinisher finisher;
    private final CutoverEvents events;
    private final MeterRegistry metrics;

    Rollbacks(Galera galera, GlanceRows rows, RowSwitch rowSwitch, RunFinisher finisher, CutoverEvents events,
            MeterRegistry metrics) {
        this.galera = galera;
        this.rows = rows;
        this.rowSwitch = rowSwitch;
        this.finisher = finisher;
        this.events = events;
        this.metrics = metrics;
    }

    CutoverResult rollback(Connection ledger, String migrationId, Actor actor, GlanceConfigSwitch configSwitch,
            Lease lease, long started) throws Exception {
        CutoverRun run = latestToRollBack(ledger, migrationId, actor).orElseThrow(() -> new CutoverConflictException(
                "nothing to roll back: migration " + migrationId + " has no cutover that changed Glance"));
        if (run.kind() == RunKind.FULL && run.configBackup() != null) {
            ConfigBackup backup = JSON.readValue(run.configBackup(), ConfigBackup.class);
            if (!backup.kind().equals(configSwitch.kind())) {
                throw new CutoverConflictException("attempt " + run.attempt() + " switched Glance's config with the '"
                        + backup.kind() + "' switch; set cutover.glance.switch-kind=" + backup.kind() + " to roll it back");
            }
            lease.ensureHeld();
            configSwitch.restore(backup);
            finisher.restartGlance(migrationId, run.attempt(), actor.userName(), actor, "rollback");
            finisher.checkGlanceServes(migrationId, run.attempt(), actor.userName(), actor, "rollback"); // glance-fleet hook
        }
        List<LocationChange> entries = CutoverJournal.entries(ledger, migrationId, run.attempt());
        lease.ensureHeld();
        RowRestore restore = rows.restore(entries);
        String note = restore.leftAsTheyAre() == 0 ? null
                : restore.leftAsTheyAre() + " rows were deleted or changed since the cutover and were left as they are";
        int restored = restore.holdingOld();
        galera.transaction(ledger, "marking the rollback", () -> {
            CutoverJournal.transition(ledger, migrationId, run.attempt(), RunState.ROLLED_BACK, "rolled_back_at", note);
            CutoverJournal.set(ledger, migrationId, run.attempt(), "rows_restored", restored);
            events.rolledBack(ledger, UUID.fromString(migrationId), run.attempt(), actor.userName(), actor, restored);
        });
        metrics.counter("cutover_runs_total", "outcome", "rolled_back").increment();
        LOG.infof("migration %s: %s run %d rolled back, %d location rows hold their old values (%d were already)",
                migrationId, run.kind().column(), run.attempt(), restored, restore.alreadyOld());
        return new CutoverResult(migrationId, run.attempt(), run.kind().column(), RunState.ROLLED_BACK.column(), actor.userName(),
                restored, (System.nanoTime() - started) / 1_000_000, List.of());
    }

    /**
     * The latest run that changed Glance and is not rolled back. A run that stopped after its journal counts when
     * its rows were switched (or are mixed); one whose rows are untouched is given up on the way.
     */
    private Optional<CutoverRun> latestToRollBack(Connection ledger, String migrationId, Actor actor) throws Exception {
        List<CutoverRun> runs = galera.synced(ledger, () -> CutoverJournal.runs(ledger, migrationId));
        for (int i = runs.size() - 1; i >= 0; i--) {
            CutoverRun run = runs.get(i);
            if (run.state() == RunState.JOURNALED) {
                if (untouched(ledger, run, actor)) {
                    galera.transaction(ledger, "giving up an untouched run", () -> CutoverJournal.transition(ledger,
                            migrationId, run.attempt(), RunState.ABANDONED, null, "given up by a rollback; its rows were never rewritten"));
                    continue;
                }
                return Optional.of(run);
            }
            if (run.rowsRewritten() || (run.configBackup() != null && run.state() != RunState.ROLLED_BACK)) {
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }

    private boolean untouched(Connection ledger, CutoverRun run, Actor actor) throws Exception {
        try {
            return rowSwitch.recover(ledger, run, actor) == RowSwitch.Found.UNTOUCHED;
        } catch (CutoverConflictException mixed) {
            return false; // mixed rows: roll back whatever holds a journaled new value
        }
    }
}
