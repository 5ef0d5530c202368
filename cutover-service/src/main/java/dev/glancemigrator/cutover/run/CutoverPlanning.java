package dev.glancemigrator.cutover.run;

import dev.glancemigrator.cutover.ceph.TargetSnapshots;
import dev.glancemigrator.cutover.config.CutoverConfig;
import dev.glancemigrator.cutover.db.Galera;
import dev.glancemigrator.cutover.glance.SwitchTarget;
import dev.glancemigrator.cutover.plan.Blocker;
import dev.glancemigrator.cutover.plan.GlanceLocation;
import dev.glancemigrator.cutover.plan.LedgerReader;
import dev.glancemigrator.cutover.plan.LocationPlan;
import dev.glancemigrator.cutover.plan.LocationPlanner;
import dev.glancemigrator.cutover.plan.Migration;
import dev.glancemigrator.cutover.plan.SnapshotCheck;
import dev.glancemigrator.cutover.rows.GlanceRows;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The preconditions, checked live: the ledger's image states and Glance's rows read with every Galera
 * node's commits applied (a verification or an upload committed on another node counts), then the target's
 * snapshots. The same plan serves a first cutover and a delta run: on a migration already cut over, the
 * rows left on the source are exactly the images that stayed behind.
 */
@Singleton
class CutoverPlanning {

    private static final Logger LOG = Logger.getLogger(CutoverPlanning.class);

    private final CutoverConfig config;
    private final Galera galera;
    private final GlanceRows rows;
    private final TargetSnapshots snapshots;
    private final LocationPlanner planner;

    CutoverPlanning(CutoverConfig config, Galera galera, GlanceRows rows, TargetSnapshots snapshots) {
        this.config = config;
        this.galera = galera;
        this.rows = rows;
        this.snapshots = snapshots;
        this.planner = new LocationPlanner(config.glance().targetStore().orElse(config.glance().store()));
    }

    Planned plan(Connection ledger, Migration migration) throws SQLException {
        Map<String, String> states = galera.synced(ledger, () -> LedgerReader.imageStates(ledger, migration.id()));
        List<GlanceLocation> live = rows.liveRbd();
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
                    planner.snapshotsToCheck(migration, targetFsid, states, live),
                    check -> planner.plan(migration, targetFsid, states, live, check)), targetFsid, target);
        } catch (RuntimeException e) {
            LOG.warnf("target cluster %s not reachable: %s", migration.targetCluster(), e.getMessage());
            LocationPlan plan = planner.plan(migration, targetFsid, states, live, (i, s) -> SnapshotCheck.Result.READY);
            return new Planned(blocked(plan, new Blocker("TARGET_UNREACHABLE", null, "cannot check the snapshots on '"
                    + migration.targetCluster() + "': " + e.getMessage())), targetFsid, target);
        }
    }

    /** The plan with {@code blocker} first and no changes: nothing may run. */
    static Planned blocked(Planned planned, Blocker blocker) {
        return new Planned(blocked(planned.locations(), blocker), planned.targetFsid(), planned.target());
    }

    private static LocationPlan blocked(LocationPlan plan, Blocker blocker) {
        List<Blocker> blockers = new ArrayList<>(plan.blockers());
        blockers.add(0, blocker);
        return new LocationPlan(List.of(), List.copyOf(blockers));
    }
}
