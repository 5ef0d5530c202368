package dev.glancemigrator.copier.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.ceph.CephClientConfig;
import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.RadosPool;
import dev.glancemigrator.copier.RbdContent;
import dev.glancemigrator.copier.SourceImages;
import dev.glancemigrator.events.CopyFailureReason;
import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.manifest.ObjectDigests;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.LocalStack.Cluster;
import dev.glancemigrator.stack.RbdCli;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The copy engine against the real clusters; results checked with the rbd CLI. */
@Tag("stack")
class ImageCopierTest {

    private static final int MIB = SourceImages.MIB;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final CopyTuning TUNING = new CopyTuning(4, 4, 64 * 1024, true, Duration.ofMillis(100), Duration.ofSeconds(10));

    private static final LocalStack STACK = LocalStack.current();
    private static CephCluster oldCluster;
    private static CephCluster newCluster;

    private final SourceImages images = new SourceImages(STACK);
    private final RbdContent content = new RbdContent(STACK);
    private final ImageCopier copier = new ImageCopier(TUNING, new LockWait(Duration.ofMillis(200)));

    @BeforeAll
    static void connect() {
        oldCluster = CephCluster.connect(new CephClientConfig(STACK.readOnlyConf(Cluster.OLD), STACK.readOnlyUser(Cluster.OLD), TIMEOUT));
        newCluster = CephCluster.connect(new CephClientConfig(STACK.readWriteConf(), STACK.readWriteUser(), TIMEOUT));
    }

    @AfterAll
    static void disconnect() {
        oldCluster.close();
        newCluster.close();
    }

    @Test
    void everyShapeIsCopiedByteForByteWithAProtectedSnapshot() {
        List<String> ids = List.of(
                images.dense(9 * MIB + 123),
                images.diskLike(24 * MIB),
                images.uploaded(new byte[3001]),
                images.uploaded(new byte[0]),
                images.sparseInRbd(20 * MIB));
        for (String id : ids) {
            CopyOutcome outcome = copy(images.task(id, 0));
            assertFalse(outcome.alreadyComplete());
            content.assertCopied(id);
        }
    }

    @Test
    void diskLikeImagesAreReadOnlyWhereTheirDataIsAndStayThin() {
        int size = 64 * MIB;
        byte[] data = new byte[size]; // data in 2 of 8 objects, as a fresh OS disk has it
        byte[] bootArea = new byte[64 * 1024];
        new Random(5).nextBytes(bootArea);
        System.arraycopy(bootArea, 0, data, 0, bootArea.length);
        Arrays.fill(data, 40 * MIB, 40 * MIB + 4096, (byte) 0x5a);
        String id = images.uploaded(data);
        CopyOutcome outcome = copy(images.task(id, size));

        // Glance allocates every byte it is given; the OSD's checksums tell the zero blocks apart
        assertEquals(size, content.usedBytes(Cluster.OLD, id));
        assertEquals(2 * TUNING.zeroBlockBytes(), outcome.counts().bytesRead(), "read only the two blocks with data");
        assertTrue(outcome.counts().bytesWritten() < size / 8, "wrote " + outcome.counts().bytesWritten());
        assertEquals(size, outcome.counts().bytesWritten() + outcome.counts().zeroBytesSkipped());
        assertEquals(2 * 8 * MIB, content.usedBytes(Cluster.NEW, id), "only the two objects with data are allocated");
        content.assertCopied(id);
    }

    @Test
    void progressIsReportedUpToTheImageSize() {
        int size = 16 * MIB;
        String id = images.dense(size);
        List<long[]> reports = new ArrayList<>();
        copier.copy(images.task(id, size), oldCluster, newCluster, (done, total, rate) -> reports.add(new long[] {done, total}),
                () -> false);
        long[] last = reports.get(reports.size() - 1);
        assertEquals(size, last[0]);
        assertEquals(size, last[1]);
    }

    @Test
    void aSecondDeliveryOfACompletedTaskCopiesNothingAndReportsTheSameManifest() {
        String id = images.dense(5 * MIB);
        CopyOutcome first = copy(images.task(id, 5 * MIB));
        CopyOutcome again = copy(images.task(id, 5 * MIB));

        assertTrue(again.alreadyComplete());
        assertEquals(first.manifestDigest(), again.manifestDigest());
        assertEquals(first.counts(), again.counts());
        content.assertCopied(id);
    }

    @Test
    void anAbandonedCopyIsResumedByTheNextAttempt() {
        int size = 40 * MIB;
        String id = images.dense(size);
        AtomicInteger calls = new AtomicInteger();
        assertThrows(CopyAbandonedException.class, () -> copier.copy(images.task(id, size), oldCluster, newCluster,
                (done, total, rate) -> { }, () -> calls.incrementAndGet() > 3));
        assertTrue(RbdCli.admin(STACK, Cluster.NEW).check("ls", STACK.pool()).contains(id + ImageCopier.STAGING_SUFFIX));

        CopyOutcome resumed = copy(images.task(id, size));
        assertFalse(resumed.alreadyComplete());
        content.assertCopied(id);
        assertFalse(RbdCli.admin(STACK, Cluster.NEW).check("ls", STACK.pool()).contains(id + ImageCopier.STAGING_SUFFIX));
    }

    @Test
    void anImageNotMadeByTheCopierIsRefusedAndLeftUntouched() {
        String id = images.dense(2 * MIB);
        RbdCli newAdmin = RbdCli.admin(STACK, Cluster.NEW);
        String spec = STACK.pool() + "/" + id;
        newAdmin.check("create", "--size", "4M", spec);
        newAdmin.check("bench", "--io-type", "write", "--io-size", "4K", "--io-total", "64K", spec);
        byte[] before = content.exportHead(Cluster.NEW, id);

        PermanentCopyFailure refused = assertThrows(PermanentCopyFailure.class, () -> copy(images.task(id, 2 * MIB)));
        assertEquals(CopyFailureReason.DESTINATION_CONFLICT, refused.reason());
        assertArrayEquals(before, content.exportHead(Cluster.NEW, id));
        assertEquals("", newAdmin.check("snap", "ls", spec).strip());
    }

    @Test
    void aMissingSourceOrSnapshotFailsPermanently() {
        PermanentCopyFailure missing = assertThrows(PermanentCopyFailure.class,
                () -> copy(images.task(UUID.randomUUID().toString(), 1)));
        assertEquals(CopyFailureReason.SOURCE_MISSING, missing.reason());

        String id = UUID.randomUUID().toString();
        RbdCli.admin(STACK, Cluster.OLD).check("create", "--size", "1M", STACK.pool() + "/" + id);
        PermanentCopyFailure noSnap = assertThrows(PermanentCopyFailure.class, () -> copy(images.task(id, MIB)));
        assertEquals(CopyFailureReason.SNAPSHOT_MISSING, noSnap.reason());
    }

    @Test
    void theManifestIsStoredInTheTargetPoolUnderItsDigest() {
        String id = images.diskLike(12 * MIB);
        CopyOutcome outcome = copy(images.task(id, 12 * MIB));
        try (RadosPool pool = newCluster.openPool(STACK.pool())) {
            byte[] manifest = pool.readObject(outcome.manifestObject()).orElseThrow();
            assertEquals(outcome.manifestDigest(), ObjectDigests.digestOf(manifest));
            assertEquals(2, manifest.length / 65, "one 64-hex-digit line per 8 MiB object");
        }
    }

    private CopyOutcome copy(CopyTask task) {
        return copier.copy(task, oldCluster, newCluster, (done, total, rate) -> { }, () -> false);
    }
}
