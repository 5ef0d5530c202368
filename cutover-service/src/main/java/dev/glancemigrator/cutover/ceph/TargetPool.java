package dev.glancemigrator.cutover.ceph;

import dev.glancemigrator.ceph.CephClientConfig;
import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.CephException;
import dev.glancemigrator.ceph.Errno;
import dev.glancemigrator.ceph.RadosPool;
import dev.glancemigrator.ceph.RbdImage;
import dev.glancemigrator.cutover.config.CutoverConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A target pool as the clean-up sees it: its images and the copier's marks on them, the manifest objects,
 * and (with the migrator's read-write key, {@code cleanup-conf}) the removal of what the migrator made.
 * Reads go {@code cutover.dependents-in-flight} at a time.
 */
@ApplicationScoped
public class TargetPool {

    /** rbd_remove's answer for an image that still has snapshots. */
    private static final int ENOTEMPTY = 39;

    private final CutoverConfig config;

    TargetPool(CutoverConfig config) {
        this.config = config;
    }

    /** {@code work} on the pool with the read-only key. */
    public <T> T readOnly(String clusterName, String pool, Function<Access, T> work) {
        CutoverConfig.Cluster cluster = cluster(clusterName);
        return on(clusterName, cluster, cluster.readOnlyConf(), cluster.readOnlyUser(), pool, work);
    }

    /**
     * {@code work} on the pool with the migrator's read-write key ({@code cutover.clusters.<name>.cleanup-conf}).
     *
     * @throws IllegalStateException when no such key is configured
     */
    public <T> T forCleanup(String clusterName, String pool, Function<Access, T> work) {
        CutoverConfig.Cluster cluster = cluster(clusterName);
        Path conf = cluster.cleanupConf().orElseThrow(() -> new IllegalStateException("cutover.clusters." + clusterName
                + ".cleanup-conf is not set: the clean-up can be listed but not applied"));
        String user = cluster.cleanupUser().orElseThrow(() -> new IllegalStateException("cutover.clusters." + clusterName
                + ".cleanup-user is not set: the clean-up can be listed but not applied"));
        return on(clusterName, cluster, conf, user, pool, work);
    }

    private CutoverConfig.Cluster cluster(String clusterName) {
        CutoverConfig.Cluster cluster = config.clusters().get(clusterName);
        if (cluster == null) {
            throw new ClusterUnreachableException("target cluster '" + clusterName + "' is not configured (cutover.clusters): "
                    + config.clusters().keySet(), null);
        }
        return cluster;
    }

    private <T> T on(String clusterName, CutoverConfig.Cluster cluster, Path conf, String user, String pool,
            Function<Access, T> work) {
        CephCluster connection;
        RadosPool io;
        try {
            connection = CephCluster.connect(new CephClientConfig(conf, user, config.cephTimeout()));
        } catch (CephException | IllegalStateException e) {
            throw new ClusterUnreachableException("cannot reach '" + clusterName + "': " + e.getMessage(), e);
        }
        try (connection) {
            try {
                io = connection.openPool(pool);
                if (!connection.fsid().equalsIgnoreCase(cluster.fsid())) {
                    throw new ClusterUnreachableException("cluster '" + clusterName + "' answers with fsid "
                            + connection.fsid() + ", configured is " + cluster.fsid(), null);
                }
            } catch (CephException e) {
                throw new ClusterUnreachableException("cannot open pool " + pool + " on '" + clusterName + "': "
                        + e.getMessage(), e);
            }
            try (io) {
                return work.apply(new Access(io, config.dependentsInFlight()));
            } catch (CephException e) {
                throw new ClusterUnreachableException("pool " + pool + " on '" + clusterName + "' failed: " + e.getMessage(), e);
            }
        }
    }

    /** One open pool. */
    public static final class Access {

        private final RadosPool io;
        private final int inFlight;

        Access(RadosPool io, int inFlight) {
            this.io = io;
            this.inFlight = inFlight;
        }

        public List<String> imageNames() {
            return io.imageNames();
        }

        /** The copier's mark on each image, empty for an image without one; an image gone meanwhile is left out. */
        public Map<String, Optional<CopyMark>> marks(Collection<String> images) {
            Map<String, Optional<CopyMark>> marks = new LinkedHashMap<>();
            FanOut.each(images, inFlight, "target-marks", this::mark).forEach((image, mark) -> {
                if (mark != null) {
                    marks.put(image, mark);
                }
            });
            return marks;
        }

        /** The mark, empty when unmarked, null when the image does not exist. */
        private Optional<CopyMark> mark(String image) {
            try (RbdImage head = io.openReadOnly(image, null)) {
                Optional<String> source = head.metadata(CopyMark.SOURCE_KEY);
                return source.map(s -> new CopyMark(s, head.metadata(CopyMark.MIGRATION_KEY).orElse(null)));
            } catch (CephException e) {
                if (e.is(Errno.ENOENT)) {
                    return null;
                }
                throw e;
            }
        }

        /** Which of {@code objects} exist (stat'ed by a read: manifests are small). */
        public Set<String> existing(Collection<String> objects) {
            Set<String> found = new TreeSet<>();
            FanOut.each(objects, inFlight, "target-objects", oid -> io.readObject(oid).isPresent())
                    .forEach((oid, exists) -> {
                        if (exists) {
                            found.add(oid);
                        }
                    });
            return found;
        }

        /**
         * Removes an image the migrator made: its {@code snapshot} unprotected and removed, then the image.
         * Empty when removed; otherwise why it stays (clones of its snapshot, other snapshots, a client has it open).
         */
        public Optional<String> removeImage(String image, String snapshot) {
            try (RbdImage head = io.open(image)) {
                if (head.snapshotExists(snapshot)) {
                    if (head.snapshotProtected(snapshot)) {
                        try {
                            head.unprotectSnapshot(snapshot);
                        } catch (CephException e) {
                            if (e.is(Errno.EBUSY)) {
                                return Optional.of(image + "@" + snapshot + " has clones: someone uses this copy");
                            }
                            throw e;
                        }
                    }
                    head.removeSnapshot(snapshot);
                }
            } catch (CephException e) {
                if (e.is(Errno.ENOENT)) {
                    return Optional.of("no longer there");
                }
                throw e;
            }
            try {
                io.removeImage(image);
                return Optional.empty();
            } catch (CephException e) {
                if (e.is(ENOTEMPTY)) {
                    return Optional.of("it has snapshots other than '" + snapshot + "', which the migrator did not make");
                }
                if (e.is(Errno.EBUSY)) {
                    return Optional.of("a client has it open");
                }
                if (e.is(Errno.ENOENT)) {
                    return Optional.of("no longer there");
                }
                throw e;
            }
        }

        public void removeObject(String oid) {
            io.removeObject(oid);
        }
    }
}
