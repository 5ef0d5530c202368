package dev.glancemigrator.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Closing, without a cluster: each handle class built around a stand-in pointer whose release only
 * counts, so a double release shows up as a count instead of a corrupted heap. A closed handle must
 * be refused before anything reaches native code (the stand-in pointer would crash the JVM).
 */
class ClosingTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 200;

    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** A handle whose pointer is never dereferenced; releasing it counts. */
    private static NativeHandle counted(String owner, AtomicInteger releases) {
        return new NativeHandle(new Pointer(0x1000), owner, pointer -> releases.incrementAndGet());
    }

    private static CephCluster cluster(AtomicInteger releases) {
        return new CephCluster(counted("cluster test", releases), "test");
    }

    @Test
    void aHandleIsReleasedOnceHoweverOftenItIsClosed() {
        AtomicInteger releases = new AtomicInteger();
        NativeHandle handle = counted("handle", releases);
        handle.close();
        handle.close();
        assertEquals(1, releases.get());
        IllegalStateException refused = assertThrows(IllegalStateException.class, handle::get);
        assertEquals("handle is closed", refused.getMessage());
    }

    @Test
    void aHandleTakenIsNotReleasedByClose() {
        AtomicInteger releases = new AtomicInteger();
        NativeHandle handle = counted("handle", releases);
        assertEquals(new Pointer(0x1000), handle.take());
        assertEquals(null, handle.take());
        handle.close();
        assertEquals(0, releases.get());
        assertTrue(handle.isClosed());
    }

    @Test
    void aReleaseThatFailsStillLeavesTheHandleClosed(/* as rbd_close does: the image is gone either way */) {
        AtomicInteger attempts = new AtomicInteger();
        NativeHandle handle = new NativeHandle(new Pointer(0x1000), "image", pointer -> {
            attempts.incrementAndGet();
            throw new CephException("rbd_close", "image", Errno.EIO);
        });
        assertThrows(CephException.class, handle::close);
        handle.close();
        assertEquals(1, attempts.get());
        assertThrows(IllegalStateException.class, handle::get);
    }

    @Test
    void threadsClosingAtOnceReleaseOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            AtomicInteger releases = new AtomicInteger();
            CephCluster cluster = cluster(new AtomicInteger());
            RadosPool pool = new RadosPool(counted("pool", releases), cluster, "pool");
            RbdImage image = new RbdImage(counted("image", releases), pool, null, "pool/image");
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> closes = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                closes.add(threads.submit(() -> {
                    start.await();
                    image.close();
                    pool.close();
                    return null;
                }));
            }
            for (Future<?> close : closes) {
                close.get();
            }
            assertEquals(2, releases.get(), "round " + round);
        }
    }

    @Test
    void aClusterClosesOnceAndThenRefusesUse() {
        AtomicInteger releases = new AtomicInteger();
        CephCluster cluster = cluster(releases);
        cluster.close();
        cluster.close();
        assertEquals(1, releases.get());
        assertThrows(IllegalStateException.class, cluster::fsid);
        assertThrows(IllegalStateException.class, () -> cluster.poolExists("pool"));
        assertThrows(IllegalStateException.class, () -> cluster.openPool("pool"));
    }

    @Test
    void aRetiredClusterShutsDownOnlyOnceItsLastUserIsDone(/* a blocklisted client still closing its images */) {
        AtomicInteger releases = new AtomicInteger();
        CephCluster cluster = cluster(releases);
        cluster.retain();
        cluster.retain();
        cluster.retire();
        assertEquals(0, releases.get(), "pools and images still open keep it up");
        cluster.checkOpen();
        IllegalStateException refused = assertThrows(IllegalStateException.class, cluster::retain);
        assertTrue(refused.getMessage().contains("retired"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> cluster.openPool("pool"));
        cluster.release();
        assertEquals(0, releases.get());
        cluster.release();
        assertEquals(1, releases.get(), "the last user shut it down");
        assertThrows(IllegalStateException.class, cluster::checkOpen);
        cluster.retire();
        cluster.close();
        assertEquals(1, releases.get());
    }

    @Test
    void aRetiredClusterThatNothingUsesShutsDownAtOnce() {
        AtomicInteger releases = new AtomicInteger();
        CephCluster cluster = cluster(releases);
        cluster.retain();
        cluster.release();
        cluster.retire();
        assertEquals(1, releases.get());
        assertThrows(IllegalStateException.class, cluster::checkOpen);
    }

    @Test
    void usersFromManyThreadsShutARetiredClusterDownOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            AtomicInteger releases = new AtomicInteger();
            CephCluster cluster = cluster(releases);
            for (int t = 0; t < THREADS; t++) {
                cluster.retain();
            }
            CyclicBarrier start = new CyclicBarrier(THREADS + 1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(threads.submit(() -> {
                    start.await();
                    cluster.release();
                    return null;
                }));
            }
            start.await();
            cluster.retire();
            for (Future<?> release : done) {
                release.get();
            }
            assertEquals(1, releases.get(), "round " + round);
        }
    }

    @Test
    void aPoolClosesOnceAndThenRefusesUse() {
        AtomicInteger releases = new AtomicInteger();
        RadosPool pool = new RadosPool(counted("pool rbd", releases), cluster(new AtomicInteger()), "rbd");
        pool.close();
        pool.close();
        assertEquals(1, releases.get());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> pool.writeObject("oid", new byte[1]));
        assertEquals("pool rbd is closed", refused.getMessage());
        assertThrows(IllegalStateException.class, () -> pool.readObject("oid"));
        assertThrows(IllegalStateException.class, () -> pool.open("image"));
        assertThrows(IllegalStateException.class, () -> pool.imageExists("image"));
    }

    @Test
    void aPoolOfAClosedClusterRefusesUse(/* rados_shutdown freed the client its I/O context points into */) {
        AtomicInteger releases = new AtomicInteger();
        CephCluster cluster = cluster(new AtomicInteger());
        RadosPool pool = new RadosPool(counted("pool rbd", releases), cluster, "rbd");
        cluster.close();
        assertThrows(IllegalStateException.class, () -> pool.removeObject("oid"));
        pool.close();
        assertEquals(1, releases.get());
    }

    @Test
    void anImageClosesOnceAndThenRefusesUse() {
        AtomicInteger releases = new AtomicInteger();
        RadosPool pool = new RadosPool(counted("pool rbd", new AtomicInteger()), cluster(new AtomicInteger()), "rbd");
        RbdImage image = new RbdImage(counted("image rbd/a", releases), pool, null, "rbd/a");
        image.close();
        image.close();
        assertEquals(1, releases.get());
        IllegalStateException refused = assertThrows(IllegalStateException.class, image::flush);
        assertEquals("image rbd/a is closed", refused.getMessage());
        assertThrows(IllegalStateException.class, image::layout);
        assertThrows(IllegalStateException.class, () -> image.readAsync(0, 1, new Memory(1)));
        assertThrows(IllegalStateException.class, () -> image.metadata("key"));
        assertThrows(IllegalStateException.class, () -> image.openZeroBlockProbe(4096));
    }

    @Test
    void anImageOfAClosedClusterRefusesUse() {
        CephCluster cluster = cluster(new AtomicInteger());
        RadosPool pool = new RadosPool(counted("pool rbd", new AtomicInteger()), cluster, "rbd");
        RbdImage image = new RbdImage(counted("image rbd/a", new AtomicInteger()), pool, null, "rbd/a");
        cluster.close();
        IllegalStateException refused = assertThrows(IllegalStateException.class, image::flush);
        assertEquals("cluster test is closed", refused.getMessage());
    }

    @Test
    void anOperationClosedIsReleasedOnceAndCannotBeAwaited() {
        AtomicInteger releases = new AtomicInteger();
        AioOperation operation = new AioOperation(counted("read", releases), null, "rbd_aio_read2 rbd/a at 0+1");
        operation.close();
        operation.close();
        assertEquals(1, releases.get());
        IllegalStateException refused = assertThrows(IllegalStateException.class, operation::await);
        assertEquals("rbd_aio_read2 rbd/a at 0+1 was already awaited or closed", refused.getMessage());
    }

    @Test
    void aZeroBlockProbeClosesOnceAndThenRefusesToProbe() {
        AtomicInteger releases = new AtomicInteger();
        ZeroBlockProbe probe = new ZeroBlockProbe(counted("zero-block probe of rbd/a@s", releases),
                cluster(new AtomicInteger()), "rbd_data.1", 4096, 1024, "rbd/a@s");
        probe.close();
        probe.close();
        assertEquals(1, releases.get());
        assertThrows(IllegalStateException.class, () -> probe.probeAsync(new Extent(0, 4096)));
    }
}
