package dev.glancemigrator.cutover.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glancemigrator.cutover.ceph.TargetSnapshots;
import dev.glancemigrator.cutover.config.CutoverConfig;
import dev.glancemigrator.cutover.events.CutoverEvents;
import dev.glancemigrator.cutover.glance.ConfigBackup;
import dev.glancemigrator.cutover.glance.GlanceDownloadCheck;
import dev.glancemigrator.cutover.glance.GlanceConfigSwitch;
import dev.glancemigrator.cutover.glance.GlanceRestart;
import dev.glancemigrator.cutover.glance.SwitchTarget;
import dev.glancemigrator.cutover.journal.CutoverJournal;
import dev.glancemigrator.cutover.journal.CutoverRun;
import dev.glancemigrator.cutover.journal.NamedLocks;
import dev.glancemigrator.cutover.journal.RunState;
import dev.glancemigrator.cutover.outbox.CutoverOutbox;
import dev.glancemigrator.cutover.plan.Blocker;
import dev.glancemigrator.cutover.plan.GlanceLocation;
import dev.glancemigrator.cutover.plan.GlanceLocations;
import dev.glancemigrator.cutover.plan.LedgerReader;
import dev.glancemigrator.cutover.plan.LocationChange;
import dev.glancemigrator.cutover.plan.LocationPlan;
import dev.glancemigrator.cutover.plan.LocationPlanner;
import dev.glancemigrator.cutover.plan.LocationUrl;
import dev.glancemigrator.cutover.plan.Migration;
import dev.glancemigrator.cutover.plan.SnapshotCheck;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One migration's cutover, end to end: re-check the preconditions, journal the rows, rewrite them in
 * one transaction, switch Glance's config, restart it and wait; and the way back. One cutover or
 * rollback runs at a time (a named database lock), so two instances cannot interleave. Every event is
 * recorded in the outbox in the transaction of the change it reports. Made at start-up, so a config
 * switch that cannot work stops the service early.
 */
@Startup
@ApplicationScoped
public class CutoverService {

    private static final Logger LOG = Logger.getLogger(CutoverService.class);
    private static final String LOCK = "glance-migrator.cutover";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgroalDataSource ledger;
    private final CutoverConfig config;
    private final GlanceConfigSwitch configSwitch;
    private final GlanceRestart restart;
    private final GlanceDownloadCheck downloadCheck;
    private final TargetSnapshots snapshots;
    private final CutoverEvents events;
    private final MeterRegistry metrics;
    private final GlanceLocations locations;
    private final LocationPlanner planner;

    CutoverService(AgroalDataSource ledger, CutoverConfig config, Instance<GlanceConfigSwitch> switches,
            GlanceRestart restart, GlanceDownloadCheck downloadCheck, TargetSnapshots snapshots, CutoverEvents events,
            MeterRegistry metrics) {
        this.ledger = ledger;
        this.config = config;
        this.configSwitch = switches.stream().filter(s -> s.kind().equals(config.glance().switchKind())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no config switch of kind " + config.glance().switchKind()));
        configSwitch.check();
        this.restart = restart;
        this.downloadCheck = downloadCheck;
        this.snapshots = snapshots;
        this.events = events;
        this.metrics = metrics;
        this.locations = new GlanceLocations(config.glance().database());
        this.planner = new LocationPlanner(config.glance().targetStore().orElse(config.glance().store()));
    }

    /** The exact cutover the migration would get now; changes nothing. */
    public CutoverPlanView dryRun(String migrationId) {
        try (Connection connection = ledger.getConnection()) {
            Migration migration = migration(connection, migrationId);
            Planned planned = plan(connection, migration);
            return new CutoverPlanView(migrationId, true, planned.locations().ready(), migration.sourceFsid(),
                    migration.sourcePool(), migration.targetCluster(), planned.targetFsid(), migration.targetPool(),
                    planned.locations().blockers(), planned.locations().changes(),
                    planned.target() == null ? null : configSwitch.plan(planned.target()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger or Glance's database", e);
        }
    }

    public CutoverResult cutover(String migrationId) {
        String operator = config.api().operator();
        long started = System.nanoTime();
        return locked(() -> {
            try (Connection connection = ledger.getConnection()) {
                Migration migration = migration(connection, migrationId);
                var latest = CutoverJournal.latest(connection, migrationId);
                if (latest.isPresent()) {
                    CutoverRun run = latest.get();
                    if (run.state() == RunState.COMPLETED) {
                        throw new CutoverConflictException("migration " + migrationId + " is already cut over (attempt "
                                + run.attempt() + "); roll it back first to cut over again");
                    }
                    if (run.rowsRewritten()) {
                        LOG.infof("migration %s: attempt %d stopped at %s; completing it", migrationId, run.attempt(),
                                run.state().column());
                        return finish(connection, migration, run, started);
                    }
                    if (run.state() == RunState.JOURNALED) {
                        CutoverJournal.transition(connection, migrationId, run.attempt(), RunState.ABANDONED, null,
                                "superseded by a re-run; its rows were never rewritten");
                    }
                }
                int attempt = latest.map(r -> r.attempt() + 1).orElse(1);
                Planned planned = plan(connection, migration);
                if (!planned.locations().ready()) {
                    refuse(connection, migration, planned, attempt, operator);
                }
                CutoverRun run = journal(connection, migration, planned, attempt, operator);
                switchRows(connection, migration, run, operator);
                return finish(connection, migration, CutoverJournal.latest(connection, migrationId).orElseThrow(), started);
            }
        });
    }

    public CutoverResult rollback(String migrationId) {
        String operator = config.api().operator();
        long started = System.nanoTime();
        return locked(() -> {
            try (Connection connection = ledger.getConnection()) {
                migration(connection, migrationId);
                CutoverRun run = CutoverJournal.latest(connection, migrationId)
                        .filter(r -> r.rowsRewritten() || (r.configBackup() != null && r.state() != RunState.ROLLED_BACK))
                        .orElseThrow(() -> new CutoverConflictException("nothing to roll back: migration " + migrationId
                                + " has no cutover that changed Glance"));
                if (run.configBackup() != null) {
                    ConfigBackup backup = JSON.readValue(run.configBackup(), ConfigBackup.class);
                    if (!backup.kind().equals(configSwitch.kind())) {
                        throw new CutoverConflictException("attempt " + run.attempt() + " switched Glance's config with the '"
                                + backup.kind() + "' switch; set cutover.glance.switch-kind=" + backup.kind()
                                + " to roll it back");
                    }
                    configSwitch.restore(backup);
                    restartGlance(migrationId, run.attempt(), operator, "rollback");
                    checkGlanceServes(migrationId, run.attempt(), operator, "rollback");
                }
                int restored = restoreRows(connection, run, operator);
                metrics.counter("cutover_runs_total", "outcome", "rolled_back").increment();
                LOG.infof("migration %s rolled back: %d location rows restored", migrationId, restored);
                return new CutoverResult(migrationId, run.attempt(), RunState.ROLLED_BACK.column(), operator, restored,
                        (System.nanoTime() - started) / 1_000_000);
            }
        });
    }

    public CutoverStatus status(String migrationId) {
        try (Connection connection = ledger.getConnection()) {
            migration(connection, migrationId);
            List<CutoverRun> runs = CutoverJournal.runs(connection, migrationId);
            if (runs.isEmpty()) {
                return new CutoverStatus(migrationId, "not_started", runs, List.of(), List.of());
            }
            CutoverRun latest = runs.get(runs.size() - 1);
            return new CutoverStatus(migrationId, latest.state().column(), runs,
                    CutoverJournal.entries(connection, migrationId, latest.attempt()), CutoverOutbox.of(connection, migrationId));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the cutover journal", e);
        }
    }

    private Migration migration(Connection connection, String id) throws SQLException {
        return LedgerReader.migration(connection, id).orElseThrow(() -> new UnknownMigrationException(id));
    }

    private record Planned(LocationPlan locations, String targetFsid, SwitchTarget target) {
    }

    private Planned plan(Connection connection, Migration migration) throws SQLException {
        Map<String, String> states = LedgerReader.imageStates(connection, migration.id());
        List<GlanceLocation> live = locations.liveRbd(connection, false);
        CutoverConfig.Cluster cluster = config.clusters().get(migration.targetCluster());
        if (cluster == null) {
            LocationPlan withoutTarget = planner.plan(migration, "unknown", states, live, (i, s) -> SnapshotCheck.Result.READY);
            return new Planned(blocked(withoutTarget, new Blocker("UNKNOWN_TARGET_CLUSTER", null, "target cluster '"
                    + migration.targetCluster() + "' is not configured (cutover.clusters): " + config.clusters().keySet())),
                    null, null);
        }
        String targetFsid = migration.targetFsid() != null ? migration.targetFsid() : cluster.fsid();
        SwitchTarget target = new SwitchTarget(migration.targetCluster(), cluster, migration.targetPool());
        if (!targetFsid.equalsIgnoreCase(cluster.fsid())) {
            LocationPlan plan = planner.plan(migration, targetFsid, states, live, (i, s) -> SnapshotCheck.Result.READY);
            return new Planned(blocked(plan, new Blocker("TARGET_FSID_MISMATCH", null, "the ledger's target fsid "
                    + targetFsid + " is not the configured fsid of '" + migration.targetCluster() + "'")), targetFsid, target);
        }
        try {
            return new Planned(snapshots.inPool(cluster, migration.targetPool(),
                    check -> planner.plan(migration, targetFsid, states, live, check)), targetFsid, target);
        } catch (RuntimeException e) {
            LOG.warnf("target cluster %s not reachable: %s", migration.targetCluster(), e.getMessage());
            LocationPlan plan = planner.plan(migration, targetFsid, states, live, (i, s) -> SnapshotCheck.Result.READY);
            return new Planned(blocked(plan, new Blocker("TARGET_UNREACHABLE", null, "cannot check the snapshots on '"
                    + migration.targetCluster() + "': " + e.getMessage())), targetFsid, target);
        }
    }

    private static LocationPlan blocked(LocationPlan plan, Blocker blocker) {
        List<Blocker> blockers = new ArrayList<>(plan.blockers());
        blockers.add(0, blocker);
        return new LocationPlan(List.of(), List.copyOf(blockers));
    }

    private void refuse(Connection connection, Migration migration, Planned planned, int attempt, String operator)
            throws SQLException {
        List<Blocker> blockers = planned.locations().blockers();
        String counts = blockers.stream().collect(Collectors.groupingBy(Blocker::code, Collectors.counting())).toString();
        String message = "preconditions failed " + counts + ": nothing was changed; POST /migrations/" + migration.id()
                + "/cutover?dryRun=true lists them; re-plan, copy and verify, then cut over again";
        LOG.warnf("migration %s: cutover refused, %s", migration.id(), counts);
        inTransaction(connection, () -> {
            CutoverJournal.insert(connection, newRun(migration, planned, attempt, operator, RunState.FAILED, 0, message));
            events.failed(connection, UUID.fromString(migration.id()), attempt, operator, "PRECONDITION_FAILED", message);
        });
        metrics.counter("cutover_runs_total", "outcome", "refused").increment();
        throw new CutoverConflictException("the cutover's preconditions do not hold; nothing was changed", blockers);
    }

    private CutoverRun newRun(Migration migration, Planned planned, int attempt, String operator, RunState state, int rows,
            String message) {
        return new CutoverRun(migration.id(), attempt, operator, state, migration.sourceFsid(), migration.sourcePool(),
                migration.targetCluster(), planned.targetFsid() == null ? "" : planned.targetFsid(), migration.targetPool(),
                configSwitch.kind(), null, rows, null, null, message, Instant.now(), null, null, null, null);
    }

    /** Records the run, every row it will rewrite and cutover-started, in one transaction, before anything changes. */
    private CutoverRun journal(Connection connection, Migration migration, Planned planned, int attempt, String operator)
            throws SQLException {
        List<LocationChange> changes = planned.locations().changes();
        CutoverRun run = newRun(migration, planned, attempt, operator, RunState.JOURNALED, changes.size(), null);
        inTransaction(connection, () -> {
            CutoverJournal.insert(connection, run);
            CutoverJournal.record(connection, migration.id(), attempt, changes);
            events.started(connection, UUID.fromString(migration.id()), attempt, operator, changes.size());
        });
        LOG.infof("migration %s attempt %d: %d location rows journaled", migration.id(), attempt, changes.size());
        return run;
    }

    /**
     * Rewrites every journaled row in one transaction with the run's move to db_switched: a kill leaves
     * all rows old (and the run journaled) or all new. Each row changes only if it still holds the
     * journaled value; a live source location that is not journaled (an upload since) aborts it.
     */
    private void switchRows(Connection connection, Migration migration, CutoverRun run, String operator) throws SQLException {
        List<LocationChange> entries = CutoverJournal.entries(connection, migration.id(), run.attempt());
        try {
            inTransaction(connection, () -> {
                Set<Long> journaled = entries.stream().map(LocationChange::locationId).collect(Collectors.toSet());
                List<String> strays = new ArrayList<>();
                for (GlanceLocation location : locations.liveRbd(connection, true)) {
                    boolean onSource = LocationUrl.parse(location.value())
                            .filter(url -> url.on(migration.sourceFsid(), migration.sourcePool())).isPresent();
                    if (onSource && !journaled.contains(location.id())) {
                        strays.add(location.imageId());
                    }
                }
                if (!strays.isEmpty()) {
                    throw new RowsChangedException("images appeared on the source since the journal: " + strays);
                }
                for (LocationChange entry : entries) {
                    if (rewrite(connection, entry.locationId(), entry.oldValue(), entry.newValue(), entry.newMetaData()) != 1) {
                        throw new RowsChangedException("location " + entry.locationId() + " changed since the journal");
                    }
                }
                CutoverJournal.transition(connection, migration.id(), run.attempt(), RunState.DB_SWITCHED, "db_switched_at", null);
                CutoverJournal.set(connection, migration.id(), run.attempt(), "rows_changed", entries.size());
            });
        } catch (RowsChangedException e) {
            String message = e.getMessage() + "; nothing was changed: cut over again";
            inTransaction(connection, () -> {
                CutoverJournal.transition(connection, migration.id(), run.attempt(), RunState.FAILED, null, message);
                events.failed(connection, UUID.fromString(migration.id()), run.attempt(), operator, "ROWS_CHANGED", message);
            });
            metrics.counter("cutover_runs_total", "outcome", "failed").increment();
            throw new CutoverConflictException(message);
        }
        LOG.infof("migration %s attempt %d: %d location rows rewritten", migration.id(), run.attempt(), entries.size());
    }

    /** After the rows: Glance's config (once per attempt), the restart, the wait. Re-runnable from any point. */
    private CutoverResult finish(Connection connection, Migration migration, CutoverRun run, long started) throws Exception {
        String operator = run.operator();
        if (run.configBackup() == null) {
            SwitchTarget target = new SwitchTarget(migration.targetCluster(), config.clusters().get(migration.targetCluster()),
                    migration.targetPool());
            ConfigBackup backup;
            try {
                backup = configSwitch.apply(target, migration.id() + "-" + run.attempt());
            } catch (RuntimeException e) {
                fail(connection, run, "CONFIG_SWITCH_FAILED", "cannot write Glance's config (" + e.getMessage()
                        + "); the location rows are switched: fix it and cut over again, or roll back");
                throw new CutoverStepException("cannot write Glance's config", e);
            }
            CutoverJournal.set(connection, migration.id(), run.attempt(), "config_backup", JSON.writeValueAsString(backup));
            CutoverJournal.transition(connection, migration.id(), run.attempt(), RunState.CONFIG_SWITCHED,
                    "config_switched_at", null);
        }
        restartGlance(migration.id(), run.attempt(), operator, "cutover");
        checkGlanceServes(migration.id(), run.attempt(), operator, "cutover");
        int rows = run.rowsChanged() != null ? run.rowsChanged() : run.rowsJournaled();
        long millis = (System.nanoTime() - started) / 1_000_000;
        inTransaction(connection, () -> {
            CutoverJournal.transition(connection, migration.id(), run.attempt(), RunState.COMPLETED, "completed_at", null);
            events.completed(connection, UUID.fromString(migration.id()), run.attempt(), operator, rows, millis);
        });
        metrics.counter("cutover_runs_total", "outcome", "completed").increment();
        LOG.infof("migration %s cut over to %s (attempt %d, %d location rows)", migration.id(), migration.targetCluster(),
                run.attempt(), rows);
        return new CutoverResult(migration.id(), run.attempt(), RunState.COMPLETED.column(), operator, rows, millis);
    }

    private void restartGlance(String migrationId, int attempt, String operator, String during) throws SQLException {
        try {
            restart.restartAndWait();
        } catch (RuntimeException e) {
            String message = "Glance did not come back during the " + during + " (" + e.getMessage() + "): fix Glance, then "
                    + ("rollback".equals(during) ? "roll back again" : "cut over again to finish, or roll back");
            try (Connection connection = ledger.getConnection()) {
                inTransaction(connection, () -> {
                    CutoverJournal.set(connection, migrationId, attempt, "message", message);
                    events.failed(connection, UUID.fromString(migrationId), attempt, operator, "GLANCE_RESTART_FAILED", message);
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
     * stays where it was: re-runnable).
     */
    private void checkGlanceServes(String migrationId, int attempt, String operator, String during) throws SQLException {
        List<String> images;
        try (Connection connection = ledger.getConnection()) {
            images = CutoverJournal.entries(connection, migrationId, attempt).stream().map(LocationChange::imageId).toList();
        }
        try {
            downloadCheck.verify(images);
        } catch (RuntimeException e) {
            String message = e.getMessage() + ", after the " + during + ": fix that node, then "
                    + ("rollback".equals(during) ? "roll back again" : "cut over again to finish, or roll back");
            try (Connection connection = ledger.getConnection()) {
                inTransaction(connection, () -> {
                    CutoverJournal.set(connection, migrationId, attempt, "message", message);
                    events.failed(connection, UUID.fromString(migrationId), attempt, operator, "GLANCE_CHECK_FAILED", message);
                });
            }
            metrics.counter("cutover_runs_total", "outcome", "failed").increment();
            throw new CutoverStepException(message, e);
        }
    }
    // --- end of the glance-fleet hook ---

    private void fail(Connection connection, CutoverRun run, String reason, String message) throws SQLException {
        inTransaction(connection, () -> {
            CutoverJournal.set(connection, run.migrationId(), run.attempt(), "message", message);
            events.failed(connection, UUID.fromString(run.migrationId()), run.attempt(), run.operator(), reason, message);
        });
        metrics.counter("cutover_runs_total", "outcome", "failed").increment();
    }

    /**
     * Puts back the journaled values of rows still holding what the cutover wrote, with the run's move and
     * cutover-rolled-back, in one transaction.
     */
    private int restoreRows(Connection connection, CutoverRun run, String operator) throws SQLException {
        UUID migration = UUID.fromString(run.migrationId());
        if (run.dbSwitchedAt() == null) {
            inTransaction(connection, () -> {
                CutoverJournal.transition(connection, run.migrationId(), run.attempt(), RunState.ROLLED_BACK, "rolled_back_at",
                        "config restored; the location rows had not been rewritten");
                CutoverJournal.set(connection, run.migrationId(), run.attempt(), "rows_restored", 0);
                events.rolledBack(connection, migration, run.attempt(), operator, 0);
            });
            return 0;
        }
        List<LocationChange> entries = CutoverJournal.entries(connection, run.migrationId(), run.attempt());
        int[] restored = {0};
        inTransaction(connection, () -> {
            for (LocationChange entry : entries) {
                restored[0] += rewrite(connection, entry.locationId(), entry.newValue(), entry.oldValue(), entry.oldMetaData());
            }
            int skipped = entries.size() - restored[0];
            CutoverJournal.transition(connection, run.migrationId(), run.attempt(), RunState.ROLLED_BACK, "rolled_back_at",
                    skipped == 0 ? null : skipped + " rows were deleted or changed since the cutover and were left as they are");
            CutoverJournal.set(connection, run.migrationId(), run.attempt(), "rows_restored", restored[0]);
            events.rolledBack(connection, migration, run.attempt(), operator, restored[0]);
        });
        return restored[0];
    }

    private int rewrite(Connection connection, long id, String expected, String value, String metaData) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + locations.table()
                + " SET value = ?, meta_data = ? WHERE id = ? AND value = ? AND " + GlanceLocations.LIVE)) {
            update.setString(1, value);
            update.setString(2, metaData);
            update.setLong(3, id);
            update.setString(4, expected);
            return update.executeUpdate();
        }
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private static void inTransaction(Connection connection, SqlWork work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Runs {@code work} holding the database lock every cutover and rollback takes; 409 when another holds it. */
    private <T> T locked(Work<T> work) {
        try (Connection lock = ledger.getConnection()) {
            if (!NamedLocks.take(lock, LOCK)) {
                throw new CutoverConflictException("another cutover or rollback is running; try again when it ended");
            }
            try {
                return work.run();
            } finally {
                NamedLocks.release(lock, LOCK);
            }
        } catch (CutoverConflictException | UnknownMigrationException | CutoverStepException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cutover failed: " + e.getMessage(), e);
        }
    }

    private static final class RowsChangedException extends RuntimeException {
        RowsChangedException(String message) {
            super(message);
        }
    }
}
