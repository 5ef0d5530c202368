package dev.glancemigrator.cutover.cleanup;

import dev.glancemigrator.cutover.ceph.CopyMark;
import dev.glancemigrator.cutover.ceph.TargetPool;
import dev.glancemigrator.cutover.config.CutoverConfig;
import dev.glancemigrator.cutover.db.Galera;
import dev.glancemigrator.cutover.dependents.Dependents;
import dev.glancemigrator.cutover.dependents.DependentsView;
import dev.glancemigrator.cutover.dependents.SourceDependents;
import dev.glancemigrator.cutover.guard.GuardHeldException;
import dev.glancemigrator.cutover.guard.Guards;
import dev.glancemigrator.cutover.guard.Lease;
import dev.glancemigrator.cutover.journal.CutoverJournal;
import dev.glancemigrator.cutover.journal.CutoverRun;
import dev.glancemigrator.cutover.journal.RunState;
import dev.glancemigrator.cutover.plan.GlanceLocation;
import dev.glancemigrator.cutover.plan.ImageTask;
import dev.glancemigrator.cutover.plan.LedgerReader;
import dev.glancemigrator.cutover.plan.LocationChange;
import dev.glancemigrator.cutover.plan.Migration;
import dev.glancemigrator.cutover.rows.GlanceRows;
import dev.glancemigrator.cutover.run.CutoverConflictException;
import dev.glancemigrator.cutover.run.UnknownMigrationException;
import dev.glancemigrator.events.Actor;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * What depends on the source, and the clean-up after a completed cutover: a plan (source images the operator may
 * remove, the migrator's leftovers on the target), and the removal of those leftovers only, decided again at
 * apply time (a plan may be stale) and each checked against Glance's live locations just before it goes.
 * Nothing on the source is ever removed: it is opened with the read-only key.
 */
@ApplicationScoped
public class CleanupService {

    private static final Logger LOG = Logger.getLogger(CleanupService.class);

    private final AgroalDataSource ledger;
    private final CutoverConfig config;
    private final Galera galera;
    private final GlanceRows rows;
    private final Dependents dependents;
    private final TargetPool targets;
    private final Guards guards;

    CleanupService(AgroalDataSource ledger, CutoverConfig config, Galera galera, GlanceRows rows, Dependents dependents,
            TargetPool targets, Guards guards) {
        this.ledger = ledger;
        this.config = config;
        this.galera = galera;
        this.rows = rows;
        this.dependents = dependents;
        this.targets = targets;
        this.guards = guards;
    }

    /** The clones on the source depending on the migration's images now. */
    public DependentsView dependents(String migrationId) {
        try (Connection connection = ledger.getConnection()) {
            Migration migration = migration(connection, migrationId);
            List<ImageTask> tasks = galera.synced(connection, () -> LedgerReader.tasks(connection, migrationId));
            return dependents.of(migration, tasks).view(migrationId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger", e);
        }
    }

    /** 409 unless the migration is cut over. */
    public CleanupPlanView plan(String migrationId) {
        try (Connection connection = ledger.getConnection()) {
            Migration migration = migration(connection, migrationId);
            List<CutoverRun> runs = cutOver(connection, migrationId);
            List<ImageTask> tasks = galera.synced(connection, () -> LedgerReader.tasks(connection, migrationId));
            Set<String> switched = switched(connection, migrationId, runs);
            Set<String> onSource = rows.onSource(migration.sourceFsid(), migration.sourcePool()).stream()
                    .map(GlanceLocation::imageId).collect(Collectors.toSet());
            SourceDependents found = dependents.of(migration, tasks);
            CleanupPlanView.Source source = CleanupRules.source(found, tasks, switched, onSource);
            Set<String> referenced = rows.imagesOn(targetFsid(migration), migration.targetPool());
            List<TargetLeftover> leftovers = targets.readOnly(migration.targetCluster(), migration.targetPool(),
                    pool -> leftovers(pool, migrationId, tasks, referenced));
            return new CleanupPlanView(migrationId, true, source,
                    new CleanupPlanView.Target(migration.targetCluster(), migration.targetPool(), leftovers),
                    CleanupRules.commands(source.removable(), !leftovers.isEmpty()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger or Glance's database", e);
        }
    }

    /**
     * Removes the target's leftovers, found again now, holding the cutover guard (no cutover or rollback changes
     * what Glance references meanwhile). 409 unless the migration is cut over. {@code actor} asked for it: named in
     * the log, beside every removal.
     */
    public CleanupResult applyTargetLeftovers(String migrationId, Actor actor) {
        LOG.infof("migration %s: clean-up of the target's leftovers asked by %s", migrationId, actor.describe());
        try (Connection connection = ledger.getConnection()) {
            Migration migration = migration(connection, migrationId);
            CutoverConfig.Cluster target = config.clusters().get(migration.targetCluster());
            if (target == null || target.cleanupConf().isEmpty() || target.cleanupUser().isEmpty()) {
                throw new CutoverConflictException("cutover.clusters." + migration.targetCluster() + ".cleanup-conf and"
                        + " .cleanup-user are not set: the clean-up can be listed but not applied");
            }
            try (Lease lease = guards.take(Guards.CUTOVER, "clean-up of migration " + migrationId)) {
                cutOver(connection, migrationId);
                List<ImageTask> tasks = galera.synced(connection, () -> LedgerReader.tasks(connection, migrationId));
                String fsid = targetFsid(migration);
                Set<String> referenced = rows.imagesOn(fsid, migration.targetPool());
                return targets.forCleanup(migration.targetCluster(), migration.targetPool(), pool -> {
                    List<CleanupResult.Removed> removed = new ArrayList<>();
                    List<CleanupResult.Kept> kept = new ArrayList<>();
                    for (TargetLeftover leftover : leftovers(pool, migrationId, tasks, referenced)) {
                        lease.ensureHeld();
                        Optional<String> keptBecause = remove(pool, migration, fsid, leftover);
                        if (keptBecause.isPresent()) {
                            LOG.warnf("migration %s: kept %s %s/%s: %s", migrationId, leftover.kind(),
                                    migration.targetPool(), leftover.name(), keptBecause.get());
                            kept.add(new CleanupResult.Kept(leftover.kind(), leftover.name(), keptBecause.get()));
                        } else {
                            LOG.infof("migration %s: removed %s %s/%s from %s (%s), asked by %s", migrationId,
                                    leftover.kind(), migration.targetPool(), leftover.name(), migration.targetCluster(),
                                    leftover.reason(), actor.describe());
                            removed.add(new CleanupResult.Removed(leftover.kind(), leftover.name()));
                        }
                    }
                    return new CleanupResult(migrationId, List.copyOf(removed), List.copyOf(kept));
                });
            } catch (GuardHeldException e) {
                throw new CutoverConflictException("a cutover or rollback is running: " + e.holder().describe()
                        + "; clean up when it ended", e.holder());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger or Glance's database", e);
        }
    }

    /** Empty when removed; otherwise why it stays. An image is removed only if Glance references it not even now. */
    private Optional<String> remove(TargetPool.Access pool, Migration migration, String fsid, TargetLeftover leftover) {
        if (TargetLeftover.MANIFEST_OBJECT.equals(leftover.kind())) {
            pool.removeObject(leftover.name());
            return Optional.empty();
        }
        try {
            if (rows.references(fsid, migration.targetPool(), leftover.name())) {
                return Optional.of("a Glance location references it now");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read Glance's locations", e);
        }
        Optional<CopyMark> mark = pool.marks(List.of(leftover.name())).getOrDefault(leftover.name(), Optional.empty());
        if (TargetLeftover.UNREFERENCED_COPY.equals(leftover.kind()) && mark.filter(m -> m.madeFor(migration.id())).isEmpty()) {
            return Optional.of("it no longer carries the copier's mark for this migration");
        }
        return pool.removeImage(leftover.name(), mark.map(CopyMark::snapshot).orElse(CopyMark.DEFAULT_SNAPSHOT));
    }

    private static List<TargetLeftover> leftovers(TargetPool.Access pool, String migrationId, List<ImageTask> tasks,
            Set<String> referenced) {
        List<String> names = pool.imageNames();
        Set<String> unreferenced = new HashSet<>(names);
        unreferenced.removeAll(referenced);
        Map<String, Optional<CopyMark>> marks = pool.marks(unreferenced);
        Set<String> manifests = pool.existing(CleanupRules.manifestCandidates(migrationId, tasks, marks));
        return CleanupRules.leftovers(migrationId, tasks, names, marks, referenced, manifests);
    }

    /** The runs, checked: 409 unless a full run completed, was not rolled back, and nothing is half-way since. */
    private List<CutoverRun> cutOver(Connection connection, String migrationId) throws SQLException {
        List<CutoverRun> runs = galera.synced(connection, () -> CutoverJournal.runs(connection, migrationId));
        if (!CleanupRules.cutOver(runs)) {
            String latest = runs.isEmpty() ? "not_started" : runs.get(runs.size() - 1).state().column();
            throw new CutoverConflictException("migration " + migrationId + " is not cut over (latest cutover run: " + latest
                    + "): the clean-up waits for a completed cutover that is not rolled back");
        }
        return runs;
    }

    /** The images whose locations completed runs switched (and no rollback put back). */
    private static Set<String> switched(Connection connection, String migrationId, List<CutoverRun> runs)
            throws SQLException {
        Set<String> images = new HashSet<>();
        for (CutoverRun run : runs) {
            if (run.state() == RunState.COMPLETED) {
                CutoverJournal.entries(connection, migrationId, run.attempt()).stream().map(LocationChange::imageId)
                        .forEach(images::add);
            }
        }
        return images;
    }

    private String targetFsid(Migration migration) {
        if (migration.targetFsid() != null) {
            return migration.targetFsid();
        }
        CutoverConfig.Cluster cluster = config.clusters().get(migration.targetCluster());
        if (cluster == null) {
            throw new CutoverConflictException("target cluster '" + migration.targetCluster()
                    + "' is not configured (cutover.clusters)");
        }
        return cluster.fsid();
    }

    private static Migration migration(Connection connection, String id) throws SQLException {
        return LedgerReader.migration(connection, id).orElseThrow(() -> new UnknownMigrationException(id));
    }
}
