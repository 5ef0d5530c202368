package dev.glancemigrator.cutover.ceph;

import dev.glancemigrator.ceph.CephClientConfig;
import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.CephException;
import dev.glancemigrator.ceph.Errno;
import dev.glancemigrator.ceph.RadosPool;
import dev.glancemigrator.ceph.RbdImage;
import dev.glancemigrator.cutover.config.CutoverConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The clone children of a source cluster's snapshots (Nova's ephemeral disks, Cinder's volumes, in any pool),
 * listed live with its read-only key: one image opened at its snapshot per call, {@code
 * cutover.dependents-in-flight} at a time. Only ever reads: the source is never changed by the tool.
 */
@ApplicationScoped
public class SourceClones {

    private final CutoverConfig config;

    SourceClones(CutoverConfig config) {
        this.config = config;
    }

    /**
     * Each of {@code images}' {@code snapshot} in {@code pool}, by image name.
     *
     * @param snapshots image name → snapshot name
     * @throws ClusterUnreachableException when the cluster or pool does not answer, or is another cluster
     */
    public Map<String, SourceSnapshot> of(String clusterName, String pool, Map<String, String> snapshots) {
        CutoverConfig.Cluster cluster = config.clusters().get(clusterName);
        if (cluster == null) {
            throw new ClusterUnreachableException("source cluster '" + clusterName + "' is not configured (cutover.clusters): "
                    + config.clusters().keySet(), null);
        }
        try (CephCluster connection = CephCluster.connect(
                new CephClientConfig(cluster.readOnlyConf(), cluster.readOnlyUser(), config.cephTimeout()));
                RadosPool io = connection.openPool(pool)) {
            if (!connection.fsid().equalsIgnoreCase(cluster.fsid())) {
                throw new ClusterUnreachableException("cluster '" + clusterName + "' answers with fsid " + connection.fsid()
                        + ", configured is " + cluster.fsid(), null);
            }
            Collection<String> images = snapshots.keySet();
            Map<String, SourceSnapshot> found = FanOut.each(images, config.dependentsInFlight(), "source-children",
                    image -> look(io, image, snapshots.get(image)));
            return found;
        } catch (CephException | IllegalStateException e) {
            throw new ClusterUnreachableException("cannot list the clone children on '" + clusterName + "': "
                    + e.getMessage(), e);
        }
    }

    private static SourceSnapshot look(RadosPool pool, String image, String snapshot) {
        try (RbdImage atSnapshot = pool.openReadOnly(image, snapshot)) {
            return new SourceSnapshot(image, snapshot, SourceSnapshot.State.PRESENT, atSnapshot.children());
        } catch (CephException e) {
            if (!e.is(Errno.ENOENT)) {
                throw e;
            }
            SourceSnapshot.State gone = pool.imageExists(image) ? SourceSnapshot.State.SNAPSHOT_MISSING
                    : SourceSnapshot.State.IMAGE_MISSING;
            return new SourceSnapshot(image, snapshot, gone, List.of());
        }
    }
}
