package dev.glancemigrator.ceph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.LocalStack.Cluster;
import dev.glancemigrator.stack.RbdCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The binding against the real clusters of the local stack. */
@Tag("stack")
class CephAccessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int OBJECT_ORDER = 22; // 4 MiB objects, so a small image spans several
    private static final long MIB = 1024 * 1024;

    private static final LocalStack STACK = LocalStack.current();
    private static CephCluster newCluster;
    private static RadosPool newPool;

    private final String name = "ceph-access-test-" + UUID.randomUUID();

    @BeforeAll
    static void connect() {
        newCluster = CephCluster.connect(new CephClientConfig(STACK.readWriteConf(), STACK.readWriteUser(), TIMEOUT));
        newPool = newCluster.openPool(STACK.pool());
    }

    @AfterAll
    static void disconnect() {
        newPool.close();
        newCluster.close();
    }

    @Test
    void connectsWithTheReadOnlyKeyAndReportsTheClusterFsid() {
        try (CephCluster old = CephCluster.connect(new CephClientConfig(STACK.readOnlyConf(Cluster.OLD),
                STACK.readOnlyUser(Cluster.OLD), TIMEOUT))) {
            assertEquals(STACK.fsid(Cluster.OLD), old.fsid());
            assertTrue(old.poolExists(STACK.pool()));
            assertFalse(old.poolExists("no-such-pool"));
        }
    }

    @Test
    void unreachableClusterFailsWithinTheTimeout(/* a conf whose monitor port nothing listens on */) throws Exception {
        Path conf = Files.createTempFile("unreachable-", ".conf");
        try {
            String real = Files.readString(STACK.readOnlyConf(Cluster.OLD));
            Files.writeString(conf, real.replaceAll("mon host = .*", "mon host = [v2:127.0.0.1:1,v1:127.0.0.1:2]"));
            CephException e = assertThrows(CephException.class, () -> CephCluster.connect(
                    new CephClientConfig(conf, STACK.readOnlyUser(Cluster.OLD), Duration.ofSeconds(2))));
            assertEquals("rados_connect", e.call());
        } finally {
            Files.deleteIfExists(conf);
        }
    }

    @Test
    void readOnlyKeyCannotCreateImages() {
        try (CephCluster old = CephCluster.connect(new CephClientConfig(STACK.readOnlyConf(Cluster.OLD),
                STACK.readOnlyUser(Cluster.OLD), TIMEOUT)); RadosPool pool = old.openPool(STACK.pool())) {
            CephException e = assertThrows(CephException.class,
                    () -> pool.createImage(name, new ImageLayout(MIB, OBJECT_ORDER, 1, 1L << OBJECT_ORDER, 1)));
            assertTrue(e.is(Errno.EPERM), e.getMessage());
        }
    }

    @Test
    void writesReadsAndReportsOnlyAllocatedExtents() {
        long features = ImageLayout.FEATURE_LAYERING | ImageLayout.FEATURE_EXCLUSIVE_LOCK
                | ImageLayout.FEATURE_OBJECT_MAP | ImageLayout.FEATURE_FAST_DIFF;
        newPool.createImage(name, new ImageLayout(20 * MIB, OBJECT_ORDER, features, 1L << OBJECT_ORDER, 1));
        byte[] data = new byte[(int) MIB];
        new Random(7).nextBytes(data);
        try (RbdImage image = newPool.open(name)) {
            assertEquals(20 * MIB, image.layout().size());
            assertEquals(4 * MIB, image.layout().objectSize());
            assertEquals(features, image.layout().features() & features);

            Memory out = new Memory(data.length);
            out.write(0, data, 0, data.length);
            image.writeAsync(9 * MIB, data.length, out).await();
            image.flush();

            // Exact extents are as fine as the OSD's allocation: they cover what was written, within its object.
            List<Extent> exact = image.allocatedExtents(20 * MIB, false);
            assertEquals(1, exact.size());
            assertTrue(exact.get(0).offset() <= 9 * MIB && exact.get(0).end() >= 10 * MIB, exact.toString());
            assertTrue(exact.get(0).offset() >= 8 * MIB && exact.get(0).end() <= 12 * MIB, exact.toString());
            assertEquals(List.of(new Extent(8 * MIB, 4 * MIB)), image.allocatedExtents(20 * MIB, true));

            Memory in = new Memory(data.length);
            assertEquals(data.length, image.readAsync(9 * MIB, data.length, in).await());
            assertArrayEquals(data, in.getByteArray(0, data.length));

            image.setMetadata("glance-migrator.test", "värde");
            assertEquals("värde", image.metadata("glance-migrator.test").orElseThrow());
            assertTrue(image.metadata("glance-migrator.absent").isEmpty());

            image.createSnapshot("snap");
            image.protectSnapshot("snap");
            assertTrue(image.snapshotExists("snap"));
            assertTrue(image.snapshotProtected("snap"));
            assertFalse(image.snapshotExists("other"));
        }
        RbdCli admin = RbdCli.admin(STACK, Cluster.NEW);
        assertTrue(admin.check("snap", "ls", STACK.pool() + "/" + name).contains("snap"));

        try (RbdImage image = newPool.open(name)) {
            image.unprotectSnapshot("snap");
            image.removeSnapshot("snap");
        }
        newPool.removeImage(name);
        assertFalse(newPool.imageExists(name));
    }

    @Test
    void metadataUnderAPrefixIsListedInOneGoAndAnImageIsFoundByItsIdObject() {
        assertFalse(newPool.imageExists(name));
        newPool.createImage(name, new ImageLayout(4 * MIB, OBJECT_ORDER, ImageLayout.FEATURE_LAYERING, 1L << OBJECT_ORDER, 1));
        assertTrue(newPool.imageExists(name));
        try (RbdImage image = newPool.open(name)) {
            assertEquals(Map.of(), image.metadataStartingWith("glance-migrator."));
            image.setMetadata("conf_rbd_cache", "false"); // sorts before the prefix
            image.setMetadata("glance-migrator.state", "complete");
            image.setMetadata("glance-migrator.source", "old:images/x@snap (fsid f)");
            image.setMetadata("zz.other", "not ours"); // sorts after it
            // More keys than one call lists: the listing goes on from the last key it got.
            Map<String, String> many = new TreeMap<>();
            for (int i = 0; i < 300; i++) {
                many.put("glance-migrator.key-" + String.format("%03d", i), "v" + i);
            }
            many.forEach(image::setMetadata);
            Map<String, String> expected = new TreeMap<>(many);
            expected.put("glance-migrator.state", "complete");
            expected.put("glance-migrator.source", "old:images/x@snap (fsid f)");
            assertEquals(expected, image.metadataStartingWith("glance-migrator."));
            assertEquals(Map.of("zz.other", "not ours"), image.metadataStartingWith("zz."));
        }
        newPool.removeImage(name);
        assertFalse(newPool.imageExists(name));
    }

    @Test
    void zeroBlockProbeFindsTheSnapshotsZeroBlocksOnTheOsd() {
        long features = ImageLayout.FEATURE_LAYERING | ImageLayout.FEATURE_EXCLUSIVE_LOCK;
        int block = 64 * 1024;
        newPool.createImage(name, new ImageLayout(12 * MIB, OBJECT_ORDER, features, 1L << OBJECT_ORDER, 1));
        try (RbdImage image = newPool.open(name)) {
            // object 0: 1 MiB of data, then zeros written out (allocated, as Glance writes them)
            write(image, 0, randomBytes((int) MIB));
            write(image, MIB, new byte[(int) (3 * MIB)]);
            // object 1: 4 KiB of data just past its first block: the object ends off a block boundary
            write(image, 4 * MIB + block + 100, randomBytes(4096));
            // object 2: never written, a hole
            image.flush();
            image.createSnapshot("snap");
            write(image, 2 * MIB, randomBytes((int) MIB)); // after the snapshot: must not be seen
            image.flush();
        }
        try (RbdImage snap = newPool.openReadOnly(name, "snap");
                ZeroBlockProbe probe = snap.openZeroBlockProbe(block).orElseThrow()) {
            ZeroBlocks object0 = probe.probeAsync(new Extent(0, 4 * MIB)).await();
            assertEquals(List.of(new Extent(0, MIB)), object0.rangesToRead());
            ZeroBlocks object1 = probe.probeAsync(new Extent(4 * MIB, 4 * MIB)).await();
            assertEquals(List.of(new Extent(block, block)), object1.rangesToRead());
            ZeroBlocks object2 = probe.probeAsync(new Extent(8 * MIB, 4 * MIB)).await();
            assertTrue(object2.allZero());
            assertFalse(probe.canProbe(new Extent(100, 4096)));
        } finally {
            try (RbdImage image = newPool.open(name)) {
                image.removeSnapshot("snap");
            }
            newPool.removeImage(name);
        }
    }

    @Test
    void aCloneGetsNoZeroBlockProbeBecauseItsMissingObjectsLiveInTheParent() {
        long features = ImageLayout.FEATURE_LAYERING | ImageLayout.FEATURE_EXCLUSIVE_LOCK;
        newPool.createImage(name, new ImageLayout(8 * MIB, OBJECT_ORDER, features, 1L << OBJECT_ORDER, 1));
        String clone = name + "-clone";
        try (RbdImage parent = newPool.open(name)) {
            write(parent, 0, randomBytes((int) MIB));
            parent.flush();
            parent.createSnapshot("snap");
            parent.protectSnapshot("snap");
        }
        RbdCli admin = RbdCli.admin(STACK, Cluster.NEW);
        admin.check("clone", STACK.pool() + "/" + name + "@snap", STACK.pool() + "/" + clone);
        try {
            try (RbdImage child = newPool.openReadOnly(clone, null)) {
                assertTrue(child.openZeroBlockProbe(64 * 1024).isEmpty());
            }
            try (RbdImage notAClone = newPool.openReadOnly(name, "snap")) {
                notAClone.openZeroBlockProbe(64 * 1024).orElseThrow().close();
            }
        } finally {
            newPool.removeImage(clone);
            try (RbdImage parent = newPool.open(name)) {
                parent.unprotectSnapshot("snap");
                parent.removeSnapshot("snap");
            }
            newPool.removeImage(name);
        }
    }

    @Test
    void aSnapshotListsItsCloneChildrenAndThePoolListsEveryImage() {
        long features = ImageLayout.FEATURE_LAYERING | ImageLayout.FEATURE_EXCLUSIVE_LOCK;
        newPool.createImage(name, new ImageLayout(MIB, OBJECT_ORDER, features, 1L << OBJECT_ORDER, 1));
        try (RbdImage parent = newPool.open(name)) {
            parent.createSnapshot("snap");
            parent.protectSnapshot("snap");
        }
        RbdCli admin = RbdCli.admin(STACK, Cluster.NEW);
        List<String> clones = List.of(name + "-disk", name + "-volume");
        try {
            try (RbdImage snapshot = newPool.openReadOnly(name, "snap")) {
                assertEquals(List.of(), snapshot.children());
            }
            for (String clone : clones) {
                admin.check("clone", STACK.pool() + "/" + name + "@snap", STACK.pool() + "/" + clone);
            }
            try (RbdImage snapshot = newPool.openReadOnly(name, "snap")) {
                List<LinkedImage> children = snapshot.children();
                assertEquals(clones, children.stream().map(LinkedImage::image).sorted().toList());
                assertTrue(children.stream().allMatch(child -> child.pool().equals(STACK.pool()) && !child.inTrash()));
                assertEquals(STACK.pool() + "/" + clones.get(0), children.stream().map(LinkedImage::spec).sorted().findFirst().orElseThrow());
            }
            assertTrue(newPool.imageNames().containsAll(clones));
            assertTrue(newPool.imageNames().contains(name));
            try (RbdImage head = newPool.openReadOnly(name, null)) {
                assertThrows(IllegalStateException.class, head::children);
            }
        } finally {
            for (String clone : clones) {
                if (newPool.imageExists(clone)) {
                    newPool.removeImage(clone);
                }
            }
            try (RbdImage parent = newPool.open(name)) {
                parent.unprotectSnapshot("snap");
                parent.removeSnapshot("snap");
            }
            newPool.removeImage(name);
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static void write(RbdImage image, long offset, byte[] data) {
        Memory buffer = new Memory(data.length);
        buffer.write(0, data, 0, data.length);
        image.writeAsync(offset, data.length, buffer).await();
    }

    @Test
    void missingImageOrSnapshotIsEnoent() {
        CephException missing = assertThrows(CephException.class, () -> newPool.openReadOnly(name, "snap"));
        assertTrue(missing.is(Errno.ENOENT), missing.getMessage());
        assertTrue(missing.getMessage().contains(name), missing.getMessage());
    }

    @Test
    void exclusiveLockKeepsASecondClientOut() {
        long features = ImageLayout.FEATURE_LAYERING | ImageLayout.FEATURE_EXCLUSIVE_LOCK;
        newPool.createImage(name, new ImageLayout(MIB, OBJECT_ORDER, features, 1L << OBJECT_ORDER, 1));
        try (CephCluster other = CephCluster.connect(new CephClientConfig(STACK.readWriteConf(), STACK.readWriteUser(), TIMEOUT));
                RadosPool otherPool = other.openPool(STACK.pool())) {
            try (RbdImage mine = newPool.open(name); RbdImage theirs = otherPool.open(name)) {
                mine.acquireExclusiveLock();
                CephException refused = assertThrows(CephException.class, theirs::acquireExclusiveLock);
                assertTrue(refused.is(Errno.EROFS) || refused.is(Errno.EBUSY), refused.getMessage());
                mine.releaseLock();
                theirs.acquireExclusiveLock();
            }
        } finally {
            newPool.removeImage(name);
        }
    }

    @Test
    void closingRealHandlesTwiceIsHarmlessAndAClosedHandleIsRefused() throws Exception {
        long features = ImageLayout.FEATURE_LAYERING | ImageLayout.FEATURE_EXCLUSIVE_LOCK;
        newPool.createImage(name, new ImageLayout(4 * MIB, OBJECT_ORDER, features, 1L << OBJECT_ORDER, 1));
        try {
            CephCluster cluster = CephCluster.connect(
                    new CephClientConfig(STACK.readWriteConf(), STACK.readWriteUser(), TIMEOUT));
            RadosPool pool = cluster.openPool(STACK.pool());
            RbdImage image = pool.open(name);

            Memory buffer = new Memory(4096);
            buffer.write(0, randomBytes(4096), 0, 4096);
            AioOperation write = image.writeAsync(0, 4096, buffer);
            write.close(); // waits for librbd before releasing: the buffer stays valid until then
            write.close();
            assertThrows(IllegalStateException.class, write::await);
            AioOperation read = image.readAsync(0, 4096, new Memory(4096));
            assertEquals(4096, read.await());
            read.close();

            ZeroBlockProbe probe = image.openZeroBlockProbe(64 * 1024).orElseThrow();
            ZeroBlockProbe.Probe inFlight = probe.probeAsync(new Extent(0, 4 * MIB));
            inFlight.close();
            inFlight.close();
            assertThrows(IllegalStateException.class, inFlight::await);
            probe.close();
            probe.close();
            assertThrows(IllegalStateException.class, () -> probe.probeAsync(new Extent(0, 4 * MIB)));

            pool.close();
            pool.close();
            assertThrows(IllegalStateException.class, () -> pool.imageExists(name));
            assertEquals(4 * MIB, image.layout().size(), "an image outlives its pool's I/O context");

            closeAtOnce(image, image);
            assertThrows(IllegalStateException.class, image::flush);
            closeAtOnce(cluster, cluster);
            assertThrows(IllegalStateException.class, cluster::fsid);
        } finally {
            newPool.removeImage(name);
        }
    }

    /** Closes both from two threads at the same moment. */
    private static void closeAtOnce(AutoCloseable first, AutoCloseable second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            try {
                start.await();
                second.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        start.await();
        first.close();
        other.get();
    }

    @Test
    void radosObjectsRoundTrip() {
        String oid = "ceph-access-test." + name;
        byte[] content = "digest list\n".getBytes(StandardCharsets.UTF_8);
        newPool.writeObject(oid, content);
        assertArrayEquals(content, newPool.readObject(oid).orElseThrow());
        newPool.removeObject(oid);
        assertTrue(newPool.readObject(oid).isEmpty());
    }
}
