package dev.glancemigrator.cutover.ceph;

import dev.glancemigrator.ceph.CephClientConfig;
import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.CephException;
import dev.glancemigrator.ceph.RadosPool;
import dev.glancemigrator.ceph.RbdImage;
import dev.glancemigrator.cutover.config.CutoverConfig;
import dev.glancemigrator.cutover.plan.SnapshotCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/** Looks at the target cluster's snapshots with its read-only key, one connection per check. */
@ApplicationScoped
public class TargetSnapshots {

    private final CutoverConfig config;

    TargetSnapshots(CutoverConfig config) {
        this.config = config;
    }

    /**
     * Connects to the cluster, checks its fsid, and lets {@code work} check snapshots in the pool.
     *
     * @throws CephException when the cluster or pool cannot be reached
     */
    public <T> T inPool(CutoverConfig.Cluster cluster, String pool, Function<SnapshotCheck, T> work) {
        try (CephCluster connection = CephCluster.connect(
                new CephClientConfig(cluster.readOnlyConf(), cluster.readOnlyUser(), config.cephTimeout()));
                RadosPool io = connection.openPool(pool)) {
            if (!connection.fsid().equalsIgnoreCase(cluster.fsid())) {
                throw new IllegalStateException("the target cluster's fsid is " + connection.fsid() + ", configured is "
                        + cluster.fsid());
            }
            return work.apply((image, snapshot) -> check(io, image, snapshot));
        }
    }

    private static SnapshotCheck.Result check(RadosPool pool, String image, String snapshot) {
        if (!pool.imageExists(image)) {
            return SnapshotCheck.Result.MISSING;
        }
        try (RbdImage head = pool.openReadOnly(image, null)) {
            if (!head.snapshotExists(snapshot)) {
                return SnapshotCheck.Result.MISSING;
            }
            return head.snapshotProtected(snapshot) ? SnapshotCheck.Result.READY : SnapshotCheck.Result.UNPROTECTED;
        }
    }
}
