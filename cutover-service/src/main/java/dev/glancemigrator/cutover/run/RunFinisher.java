package dev.glancemigrator.cutover.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glancemigrator.cutover.config.CutoverConfig;
import dev.glancemigrator.cutover.db.Galera;
import dev.glancemigrator.cutover.events.CutoverEvents;
import dev.glancemigrator.cutover.glance.ConfigBackup;
import dev.glancemigrator.cutover.glance.GlanceConfigSwitch;
import dev.glancemigrator.cutover.glance.GlanceDownloadCheck;
import dev.glancemigrator.cutover.glance.GlanceRestart;
import dev.glancemigrator.cutover.glance.KeystoneOutageException;
import dev.glancemigrator.cutover.glance.SwitchTarget;
import dev.glancemigrator.cutover.guard.Lease;
import dev.glancemigrator.cutover.journal.CutoverJournal;
import dev.glancemigrator.cutover.journal.CutoverRun;
import dev.glancemigrator.cutover.journal.RunKind;
import dev.glancemigrator.cutover.journal.RunState;
import dev.glancemigrator.cutover.plan.GlanceLocation;
import dev.glancemigrator.cutover.plan.LocationChange;
import dev.glancemigrator.cutover.plan.Migration;
import dev.glancemigrator.cutover.rows.GlanceRows;
import dev.glancemigrator.events.Actor;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What follows the rows: for a full run Glance's config (once per attempt), the restart and the wait; then,
 * for every run, the scan for images still on the source (an upload that reached the old cluster while Glance
 * was being switched), and the move to completed with cutover-completed. Re-runnable from any point. The events
 * of a call name that call's actor (who completes a run another started is named on its completion).
 */
@Singleton
class RunFinisher {

    private static final Logger LOG = Logger.getLogger(RunFinisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgroalDataSource ledger;
    private final CutoverConfig config;
    private final Galera galera;
    private final GlanceRows rows;
    private final GlanceRestart restart;
    private final GlanceDownloadCheck downloadCheck;
    private final CutoverEvents events;
    private final MeterRegistry metrics;

    RunFinisher(AgroalDataSource ledger, CutoverConfig config, Galera galera, GlanceRows rows, GlanceRestart restart,
            GlanceDownloadCheck downloadCheck, CutoverEvents events, MeterRegistry metrics) {
        this.ledger = ledger;
        this.config = config;
        this.galera = galera;
        this.rows = rows;
        this.restart = restart;
        this.downloadCheck = downloadCheck;
        this.events = events;
        this.metrics = metrics;
    }

    /** Finishes {@code run} for {@code actor}, who asked now (whoever started it). */
    CutoverResult finish(Connection connection, Migration migration, CutoverRun run, GlanceConfigSwitch configSwitch,
            Lease lease, long started, Actor actor) throws Exception {
        if (run.kind() == RunKind.FULL) {
            if (run.configBackup() == null) {
                switchConfig(connection, migration, run, configSwitch, lease, actor);
            }
            restartGlance(migration.id(), run.attempt(), actor.userName(), actor, "cutover");
            checkGlanceServes(migration.id(), run.attempt(), actor.userName(), actor, "cutover");
        }
        List<String> left = rows.onSource(migration.sourceFsid(), migration.sourcePool()).stream()
                .map(GlanceLocation::imageId).distinct().toList();
        int changed = run.rowsChanged() != null ? run.rowsChanged() : run.rowsJournaled();
        long millis = (System.nanoTime() - started) / 1_000_000;
        String message = left.isEmpty() ? null : left.size() + " images still have a live location on the source (uploaded"
                + " during the switch?): re-plan, copy and verify them, then cut over again (a delta run) " + left;
        galera.transaction(connection, "completing the cutover", () -> {
            CutoverJournal.transition(connection, migration.id(), run.attempt(), RunState.COMPLETED, "completed_at", message);
            events.completed(connection, UUID.fromString(migration.id()), run.attempt(), actor.userName(), actor, changed, millis,
                    run.kind().column(), left);
        });
        metrics.counter("cutover_runs_total", "outcome", "completed").increment();
        if (left.isEmpty()) {
            LOG.infof("migration %s: %s run %d completed on %s, %d location rows", migration.id(), run.kind().column(),
                    run.attempt(), migration.targetCluster(), changed);
        } else {
            LOG.warnf("migration %s: %s run %d completed, %d location rows; %s", migration.id(), run.kind().column(),
                    run.attempt(), changed, message);
        }
        return new CutoverResult(migration.id(), run.attempt(), run.kind().column(), RunState.COMPLETED.column(), run.operator(),
                changed, millis, left);
    }

    private void switchConfig(Connection connection, Migration migration, CutoverRun run, GlanceConfigSwitch configSwitch,
            Lease lease, Actor actor) throws Exception {
        SwitchTarget target = new SwitchTarget(migration.targetCluster(), config.clusters().get(migration.targetCluster()),
                migration.targetPool());
        lease.ensureHeld();
        ConfigBackup backup;
        try {
            backup = configSwitch.apply(target, migration.id() + "-" + run.attempt());
        } catch (RuntimeException e) {
            fail(connection, run, actor, "CONFIG_SWITCH_FAILED", "cannot write Glance's config (" + e.getMessage()
                    + "); the location rows are switched: fix it and cut over again, or roll back");
            throw new CutoverStepException("cannot write Glance's config", e);
        }
        String saved = JSON.writeValueAsString(backup);
        galera.transaction(connection, "recording the config switch", () -> {
            CutoverJournal.set(connection, migration.id(), run.attempt(), "config_backup", saved);
            CutoverJournal.transition(connection, migration.id(), run.attempt(), RunState.CONFIG_SWITCHED,
                    "config_switched_at", null);
        });
    }

    void restartGlance(String migrationId, int attempt, String operator, Actor actor, String during) throws SQLException {
        try {
            restart.restartAndWait();
        } catch (RuntimeException e) {
            String message = "Glance did not come back during the " + during + " (" + e.getMessage() + "): fix Glance, then "
                    + ("rollback".equals(during) ? "roll back again" : "cut over again to finish, or roll back");
            try (Connection connection = ledger.getConnection()) {
                galera.transaction(connection, "recording a failed restart", () -> {
                    CutoverJournal.set(connection, migrationId, attempt, "message", message);
                    events.failed(connection, UUID.fromString(migrationId), attempt, operator, actor, "GLANCE_RESTART_FAILED",
                            message);
                });
            }
            metrics.counter("cutover_runs_total", "outcome", "failed").increment();
            throw new CutoverStepException(message, e);
        }
    }

    // --- glance-fleet hook: every Glance node serves the migrated images (glance/GlanceDownloadCheck) ---
    /**
     * After Glance came back from the switch or the rollback: each node must serve a sample of the
     * images this run rewrote with their recorded hash. Else the journal's message and a cutover-failed
     * name the node and the image, and the step fails as a restart that did not come back does (the run
     * stays where it was: re-runnable). Keystone unavailable for the migrator's token is no failure of a node:
     * no event, no failure; the journal's message names Keystone, the run stays where it was, and the call is
     * answered 503 ({@link CutoverPausedException}).
     */
    void checkGlanceServes(String migrationId, int attempt, String operator, Actor actor, String during)
            throws SQLException {
        List<String> images;
        try (Connection connection = ledger.getConnection()) {
            images = CutoverJournal.entries(connection, migrationId, attempt).stream().map(LocationChange::imageId).toList();
        }
        try {
            downloadCheck.verify(images);
        } catch (KeystoneOutageException e) {
            String message = e.getMessage() + ", after the " + during + ": the run is left where it stopped; once Keystone"
                    + " answers, " + ("rollback".equals(during) ? "roll back again" : "cut over again to finish it");
            LOG.warnf("migration %s: %s", migrationId, message);
            try (Connection connection = ledger.getConnection()) {
                galera.transaction(connection, "recording a Glance check Keystone kept from being made",
                        () -> CutoverJournal.set(connection, migrationId, attempt, "message", message));
            }
            throw new CutoverPausedException(message, e);
        } catch (RuntimeException e) {
            String message = e.getMessage() + ", after the " + during + ": fix that node, then "
                    + ("rollback".equals(during) ? "roll back again" : "cut over again to finish, or roll back");
            try (Connection connection = ledger.getConnection()) {
                galera.transaction(connection, "recording a failed Glance check", () -> {
                    CutoverJournal.set(connection, migrationId, attempt, "message", message);
                    events.failed(connection, UUID.fromString(migrationId), attempt, operator, actor, "GLANCE_CHECK_FAILED",
                            message);
                });
            }
            metrics.counter("cutover_runs_total", "outcome", "failed").increment();
            throw new CutoverStepException(message, e);
        }
    }
    // --- end of the glance-fleet hook ---

    void fail(Connection connection, CutoverRun run, Actor actor, String reason, String message) throws SQLException {
        galera.transaction(connection, "recording a failed step", () -> {
            CutoverJournal.set(connection, run.migrationId(), run.attempt(), "message", message);
            events.failed(connection, UUID.fromString(run.migrationId()), run.attempt(), actor.userName(), actor, reason,
                    message);
        });
        metrics.counter("cutover_runs_total", "outcome", "failed").increment();
    }
}
