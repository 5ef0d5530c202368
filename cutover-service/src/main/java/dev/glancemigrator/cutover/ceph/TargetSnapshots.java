package dev.glancemigrator.cutover.ceph;

import dev.glancemigrator.ceph.CephClientConfig;
import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.CephException;
import dev.glancemigrator.ceph.Errno;
import dev.glancemigrator.ceph.RadosPool;
import dev.glancemigrator.ceph.RbdImage;
import dev.glancemigrator.cutover.config.CutoverConfig;
import dev.glancemigrator.cutover.plan.LocationUrl;
import dev.glancemigrator.cutover.plan.SnapshotCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Looks at the target cluster's snapshots with its read-only key, one connection per plan. A check opens
 * the image at its snapshot once; the plan's checks run {@code cutover.snapshot-checks-in-flight} at a
 * time, since each waits on an OSD round trip and 100,000 of them one after the other take minutes.
 */
@ApplicationScoped
public class TargetSnapshots {

    private final CutoverConfig config;

    TargetSnapshots(CutoverConfig config) {
        this.config = config;
    }

    /**
     * Connects to the cluster, checks its fsid, checks every snapshot of {@code wanted} and lets {@code work}
     * look the results up (a snapshot not in {@code wanted} is checked when asked).
     *
     * @throws CephException when the cluster or pool cannot be reached
     */
    public <T> T inPool(CutoverConfig.Cluster cluster, String pool, Collection<LocationUrl> wanted,
            Function<SnapshotCheck, T> work) {
        try (CephCluster connection = CephCluster.connect(
                new CephClientConfig(cluster.readOnlyConf(), cluster.readOnlyUser(), config.cephTimeout()));
                RadosPool io = connection.openPool(pool)) {
            if (!connection.fsid().equalsIgnoreCase(cluster.fsid())) {
                throw new IllegalStateException("the target cluster's fsid is " + connection.fsid() + ", configured is "
                        + cluster.fsid());
            }
            Map<String, SnapshotCheck.Result> checked = checkAll(io, wanted);
            return work.apply((image, snapshot) -> {
                SnapshotCheck.Result result = checked.get(key(image, snapshot));
                return result != null ? result : check(io, image, snapshot);
            });
        }
    }

    private Map<String, SnapshotCheck.Result> checkAll(RadosPool io, Collection<LocationUrl> wanted) {
        Map<String, SnapshotCheck.Result> checked = new HashMap<>();
        FanOut.each(wanted, config.snapshotChecksInFlight(), "snapshot-check", url -> check(io, url.image(), url.snapshot()))
                .forEach((url, result) -> checked.put(key(url.image(), url.snapshot()), result));
        return checked;
    }

    private static SnapshotCheck.Result check(RadosPool pool, String image, String snapshot) {
        try (RbdImage atSnapshot = pool.openReadOnly(image, snapshot)) {
            return atSnapshot.snapshotProtected(snapshot) ? SnapshotCheck.Result.READY : SnapshotCheck.Result.UNPROTECTED;
        } catch (CephException e) {
            if (e.is(Errno.ENOENT)) {
                // No such image, or no such snapshot of it.
                return SnapshotCheck.Result.MISSING;
            }
            throw e;
        }
    }

    private static String key(String image, String snapshot) {
        return image + '@' + snapshot;
    }
}
