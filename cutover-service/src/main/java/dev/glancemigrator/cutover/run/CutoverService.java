package dev.glancemigrator.cutover.run;

import dev.glancemigrator.cutover.ceph.ClusterUnreachableException;
import dev.glancemigrator.cutover.config.CutoverConfig;
import dev.glancemigrator.cutover.db.Galera;
import dev.glancemigrator.cutover.db.Transactions;
import dev.glancemigrator.cutover.dependents.Dependents;
import dev.glancemigrator.cutover.dependents.DependentsSummary;
import dev.glancemigrator.cutover.dependents.SourceDependents;
import dev.glancemigrator.cutover.dependents.Warning;
import dev.glancemigrator.cutover.events.CutoverEvents;
import dev.glancemigrator.cutover.glance.GlanceConfigSwitch;
import dev.glancemigrator.cutover.glance.SwitchCommandJournal;
import dev.glancemigrator.cutover.guard.GuardHeldException;
import dev.glancemigrator.cutover.guard.Guards;
import dev.glancemigrator.cutover.guard.Lease;
import dev.glancemigrator.cutover.guard.LeaseLostException;
import dev.glancemigrator.cutover.journal.CutoverJournal;
import dev.glancemigrator.cutover.journal.CutoverRun;
import dev.glancemigrator.cutover.journal.RunKind;
import dev.glancemigrator.cutover.journal.RunState;
import dev.glancemigrator.cutover.outbox.CutoverOutbox;
import dev.glancemigrator.cutover.plan.Blocker;
import dev.glancemigrator.cutover.plan.LedgerReader;
import dev.glancemigrator.cutover.plan.LocationChange;
import dev.glancemigrator.cutover.plan.Migration;
import dev.glancemigrator.events.Actor;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One migration's cutover, end to end: re-check the preconditions, journal the rows, rewrite them in one
 * Glance transaction, mark the journal, switch Glance's config, restart it and wait; on a migration already
 * cut over, a delta run for the images that stayed on the source; and the way back. One cutover or rollback
 * runs at a time in the whole deployment (a guard row with a lease, {@link Guards}), so two instances on two
 * database nodes cannot interleave. Every event is recorded in the outbox in the transaction of the change it
 * reports. Made at start-up, so a config switch that cannot work stops the service early.
 */
@Startup
@ApplicationScoped
public class CutoverService {

    private static final Logger LOG = Logger.getLogger(CutoverService.class);

    private final AgroalDataSource ledger;
    private final CutoverConfig config;
    private final GlanceConfigSwitch configSwitch;
    private final Galera galera;
    private final Guards guards;
    private final CutoverPlanning planning;
    private final RowSwitch rowSwitch;
    private final RunFinisher finisher;
    private final Rollbacks rollbacks;
    private final CutoverEvents events;
    private final MeterRegistry metrics;
    private final Dependents dependents;

    CutoverService(AgroalDataSource ledger, CutoverConfig config, Instance<GlanceConfigSwitch> switches, Galera galera,
            Guards guards, CutoverPlanning planning, RowSwitch rowSwitch, RunFinisher finisher, Rollbacks rollbacks,
            CutoverEvents events, MeterRegistry metrics, Dependents dependents) {
        this.ledger = ledger;
        this.config = config;
        this.configSwitch = switches.stream().filter(s -> s.kind().equals(config.glance().switchKind())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no config switch of kind " + config.glance().switchKind()));
        configSwitch.check();
        this.galera = galera;
        this.guards = guards;
        this.planning = planning;
        this.rowSwitch = rowSwitch;
        this.finisher = finisher;
        this.rollbacks = rollbacks;
        this.events = events;
        this.metrics = metrics;
        this.dependents = dependents;
    }

    /**
     * The exact run the migration would get now (a full cutover, or a delta run once cut over); changes nothing.
     * Also lists, live, the clones on the source depending on the images' snapshots: warnings, never blockers
     * (they keep working after the cutover; they keep the source from being retired). The cutover itself does not
     * list them: it must stay fast.
     */
    public CutoverPlanView dryRun(String migrationId) {
        try (Connection connection = ledger.getConnection()) {
            Migration migration = migration(connection, migrationId);
            List<CutoverRun> runs = runs(connection, migrationId);
            RunKind kind = nextKind(runs);
            Planned planned = planning.plan(connection, migration);
            DryRunWarnings warnings = dependentsWarnings(connection, migration);
            if (kind == RunKind.DELTA && planned.locations().ready() && planned.locations().changes().isEmpty()) {
                planned = CutoverPlanning.blocked(planned, new Blocker("NOTHING_LEFT_ON_SOURCE", null,
                        alreadyCutOver(migrationId, runs)));
            }
            return new CutoverPlanView(migrationId, true, kind.column(), planned.locations().ready(), migration.sourceFsid(),
                    migration.sourcePool(), migration.targetCluster(), planned.targetFsid(), migration.targetPool(),
                    planned.locations().blockers(), planned.locations().changes(),
                    kind == RunKind.DELTA || planned.target() == null ? null : configSwitch.plan(planned.target()),
                    warnings.warnings(), warnings.summary());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger or Glance's database", e);
        }
    }

    private record DryRunWarnings(List<Warning> warnings, DependentsSummary summary) {
    }

    /** The dry run's warnings; a source that does not answer is one more warning, not a failed dry run. */
    private DryRunWarnings dependentsWarnings(Connection connection, Migration migration) throws SQLException {
        try {
            SourceDependents found = dependents.of(migration, LedgerReader.tasks(connection, migration.id()));
            return new DryRunWarnings(found.warnings(), found.summary());
        } catch (ClusterUnreachableException e) {
            LOG.warnf("migration %s: dependents not listed: %s", migration.id(), e.getMessage());
            return new DryRunWarnings(List.of(new Warning("dependents-unknown", null, "the clones on '"
                    + migration.sourceCluster() + "' could not be listed: " + e.getMessage())), null);
        }
    }

    /** Cuts the migration over (or completes its unfinished run); {@code actor} asked for it. */
    public CutoverResult cutover(String migrationId, Actor actor) {
        long started = System.nanoTime();
        return guarded("cutover of migration " + migrationId, lease -> {
            try (Connection connection = ledger.getConnection()) {
                Migration migration = migration(connection, migrationId);
                List<CutoverRun> runs = runs(connection, migrationId);
                Optional<CutoverRun> latest = runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
                if (latest.isPresent() && latest.get().unfinished()) {
                    Optional<CutoverResult> completed = complete(connection, migration, latest.get(), lease, started, actor);
                    if (completed.isPresent()) {
                        return completed.get();
                    }
                }
                RunKind kind = nextKind(runs);
                int attempt = latest.map(r -> r.attempt() + 1).orElse(1);
                Planned planned = planning.plan(connection, migration);
                if (!planned.locations().ready()) {
                    refuse(connection, migration, planned, kind, attempt, actor);
                }
                if (kind == RunKind.DELTA && planned.locations().changes().isEmpty()) {
                    throw new CutoverConflictException(alreadyCutOver(migrationId, runs));
                }
                lease.ensureHeld();
                CutoverRun run = newRun(migration, planned, kind, attempt, actor, RunState.JOURNALED,
                        planned.locations().changes().size(), null);
                rowSwitch.journal(connection, run, planned.locations().changes());
                rowSwitch.switchRows(connection, migration, run, lease);
                return finisher.finish(connection, migration, reread(connection, run), configSwitch, lease, started, actor);
            }
        });
    }

    /** Rolls the latest run that changed Glance back; {@code actor} asked for it. */
    public CutoverResult rollback(String migrationId, Actor actor) {
        long started = System.nanoTime();
        return guarded("rollback of migration " + migrationId, lease -> {
            try (Connection connection = ledger.getConnection()) {
                migration(connection, migrationId);
                return rollbacks.rollback(connection, migrationId, actor, configSwitch, lease, started);
            }
        });
    }

    public CutoverStatus status(String migrationId) {
        try (Connection connection = ledger.getConnection()) {
            migration(connection, migrationId);
            List<CutoverRun> runs = CutoverJournal.runs(connection, migrationId);
            if (runs.isEmpty()) {
                return new CutoverStatus(migrationId, "not_started", runs, List.of(), List.of(), List.of());
            }
            CutoverRun latest = runs.get(runs.size() - 1);
            return new CutoverStatus(migrationId, latest.state().column(), runs,
                    CutoverJournal.entries(connection, migrationId, latest.attempt()), CutoverOutbox.of(connection, migrationId),
                    SwitchCommandJournal.of(connection, migrationId));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the cutover journal", e);
        }
    }

    /**
     * Completes a run that stopped half-way: after its rows (or after Glance committed them and before the journal
     * said so) it goes on, never planned over; a run whose rows were never rewritten is given up (empty: plan a
     * new one, which re-checks the preconditions). The events this call causes name {@code actor}, who asked
     * now; the journal keeps who started the run.
     */
    private Optional<CutoverResult> complete(Connection connection, Migration migration, CutoverRun run, Lease lease,
            long started, Actor actor) throws Exception {
        if (run.state() == RunState.JOURNALED) {
            if (rowSwitch.recover(connection, run, actor) == RowSwitch.Found.UNTOUCHED) {
                // Only from journaled: a run another instance moved meanwhile is not given up under its feet.
                boolean abandoned = galera.retrying("giving up an untouched run", () -> Transactions.inTransaction(connection,
                        () -> CutoverJournal.transitionFrom(connection, migration.id(), run.attempt(), RunState.JOURNALED,
                                RunState.ABANDONED, null, "superseded by a re-run; its rows were never rewritten")));
                if (!abandoned) {
                    throw new CutoverConflictException("run " + run.attempt() + " of migration " + migration.id()
                            + " changed while this cutover looked at it; ask again");
                }
                return Optional.empty();
            }
        }
        LOG.infof("migration %s: %s run %d stopped at %s; completing it", migration.id(), run.kind().column(), run.attempt(),
                run.state().column());
        return Optional.of(finisher.finish(connection, migration, reread(connection, run), configSwitch, lease, started,
                actor));
    }

    /** A delta run once a full run completed (and is not rolled back); a full cutover otherwise. */
    private static RunKind nextKind(List<CutoverRun> runs) {
        return runs.stream().anyMatch(r -> r.kind() == RunKind.FULL && r.state() == RunState.COMPLETED)
                ? RunKind.DELTA : RunKind.FULL;
    }

    private static String alreadyCutOver(String migrationId, List<CutoverRun> runs) {
        int attempt = runs.stream().filter(r -> r.kind() == RunKind.FULL && r.state() == RunState.COMPLETED)
                .mapToInt(CutoverRun::attempt).max().orElse(0);
        return "migration " + migrationId + " is already cut over (attempt " + attempt + ") and nothing is left on the"
                + " source; roll it back first to cut over again";
    }

    private List<CutoverRun> runs(Connection connection, String migrationId) throws SQLException {
        return galera.synced(connection, () -> CutoverJournal.runs(connection, migrationId));
    }

    private static CutoverRun reread(Connection connection, CutoverRun run) throws SQLException {
        return CutoverJournal.runs(connection, run.migrationId()).stream().filter(r -> r.attempt() == run.attempt())
                .findFirst().orElseThrow();
    }

    private Migration migration(Connection connection, String id) throws SQLException {
        return LedgerReader.migration(connection, id).orElseThrow(() -> new UnknownMigrationException(id));
    }

    private void refuse(Connection connection, Migration migration, Planned planned, RunKind kind, int attempt,
            Actor actor) throws SQLException {
        List<Blocker> blockers = planned.locations().blockers();
        String counts = blockers.stream().collect(Collectors.groupingBy(Blocker::code, Collectors.counting())).toString();
        String message = "preconditions failed " + counts + ": nothing was changed; POST /migrations/" + migration.id()
                + "/cutover?dryRun=true lists them; re-plan, copy and verify, then cut over again";
        LOG.warnf("migration %s: %s run refused, %s", migration.id(), kind.column(), counts);
        galera.transaction(connection, "recording a refused cutover", () -> {
            CutoverJournal.insert(connection, newRun(migration, planned, kind, attempt, actor, RunState.FAILED, 0, message));
            events.failed(connection, UUID.fromString(migration.id()), attempt, actor.userName(), actor, "PRECONDITION_FAILED",
                    message);
        });
        metrics.counter("cutover_runs_total", "outcome", "refused").increment();
        throw new CutoverConflictException("the cutover's preconditions do not hold; nothing was changed", blockers);
    }

    private CutoverRun newRun(Migration migration, Planned planned, RunKind kind, int attempt, Actor actor,
            RunState state, int rows, String message) {
        return new CutoverRun(migration.id(), attempt, kind, actor.userName(), state, migration.sourceFsid(), migration.sourcePool(),
                migration.targetCluster(), planned.targetFsid() == null ? "" : planned.targetFsid(), migration.targetPool(),
                kind == RunKind.DELTA ? "none" : configSwitch.kind(), null, rows, null, null, message, Instant.now(), null,
                null, null, null, actor);
    }

    private interface Guarded<T> {
        T run(Lease lease) throws Exception;
    }

    /** Runs {@code work} holding the cutover guard; 409 naming the holder when another instance holds it. */
    private <T> T guarded(String purpose, Guarded<T> work) {
        try (Lease lease = guards.take(Guards.CUTOVER, purpose)) {
            return work.run(lease);
        } catch (GuardHeldException e) {
            throw new CutoverConflictException("another cutover or rollback is running: " + e.holder().describe()
                    + "; try again when it ended", e.holder());
        } catch (LeaseLostException e) {
            throw new CutoverStepException(e.getMessage(), e);
        } catch (CutoverConflictException | UnknownMigrationException | CutoverStepException | CutoverPausedException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cutover failed: " + e.getMessage(), e);
        }
    }
}
