package dev.glancemigrator.copier.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.ceph.CephClientConfig;
import dev.glancemigrator.ceph.CephCluster;
import com.sun.jna.Memory;
import dev.glancemigrator.ceph.RadosPool;
import dev.glancemigrator.ceph.RbdImage;
import dev.glancemigrator.copier.RbdContent;
import dev.glancemigrator.copier.SourceImages;
import dev.glancemigrator.events.CopyFailureReason;
import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.DependentClone;
import dev.glancemigrator.events.DependentClone.Kind;
import dev.glancemigrator.events.RetryReason;
import dev.glancemigrator.events.manifest.ObjectDigests;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.LocalStack.Cluster;
import dev.glancemigrator.stack.RbdCli;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Comparator<DependentClone> BY_POOL = Comparator.comparing(DependentClone::pool);
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
    void theSourceSnapshotsCloneChildrenInEveryPoolAreNamedWithTheirKindAlsoWhenACopyIsReportedAgain() {
        String id = images.dense(MIB);
        String disk = UUID.randomUUID() + "_disk";
        String volume = "volume-" + UUID.randomUUID();
        RbdCli admin = RbdCli.admin(STACK, Cluster.OLD);
        String parent = STACK.pool() + "/" + id + "@snap";
        try {
            admin.check("clone", parent, "vms/" + disk);
            admin.check("clone", parent, "volumes/" + volume);
            List<DependentClone> expected = List.of(new DependentClone("vms", "", disk, Kind.INSTANCE_DISK, false),
                    new DependentClone("volumes", "", volume, Kind.VOLUME, false));

            CopyOutcome first = copy(images.task(id, MIB));
            CopyOutcome again = copy(images.task(id, MIB));

            assertEquals(expected, first.dependents().stream().sorted(BY_POOL).toList());
            assertTrue(again.alreadyComplete());
            assertEquals(expected, again.dependents().stream().sorted(BY_POOL).toList());
        } finally {
            admin.run("rm", "--no-progress", "vms/" + disk);
            admin.run("rm", "--no-progress", "volumes/" + volume);
        }
    }

    @Test
    void anImageWithoutClonesHasNoDependents() {
        String id = images.dense(MIB);
        assertEquals(List.of(), copy(images.task(id, MIB)).dependents());
    }

    @Test
    void aRetryAfterAFailedVerificationReplacesTheCopyThatFailedAndAStaleTaskNeverWipesTheNewCopy() {
        int size = 9 * MIB + 123;
        String id = images.dense(size);
        UUID migration = UUID.randomUUID();
        CopyOutcome first = copy(images.task(id, size, migration, 1, null));
        assertEquals(null, first.discardedAttempt());
        long corruptAt = 8 * MIB + 17; // in the second object
        corrupt(id, corruptAt);
        byte[] source = content.export(Cluster.OLD, id);
        byte[] corrupted = content.export(Cluster.NEW, id);
        assertEquals(corruptAt, Arrays.mismatch(source, corrupted), "the copy's snapshot holds the changed byte");
        String corruptedImage = rbdImageId(id);

        // A retry after a copy failure trusts the complete copy it finds: only a verification can tell it is wrong.
        CopyOutcome afterCopyFailure = copy(images.task(id, size, migration, 2, RetryReason.COPY_FAILED));
        assertTrue(afterCopyFailure.alreadyComplete());
        assertEquals(corruptedImage, rbdImageId(id));

        CopyOutcome recopied = copy(images.task(id, size, migration, 2, RetryReason.VERIFICATION_FAILED));
        assertFalse(recopied.alreadyComplete());
        assertEquals(1, recopied.discardedAttempt());
        assertEquals(first.manifestDigest(), recopied.manifestDigest(), "the same source, the same manifest");
        content.assertCopied(id);
        String recopiedImage = rbdImageId(id);
        assertFalse(recopiedImage.equals(corruptedImage), "a new image, not the old one patched");
        assertEquals("2", meta(id, "glance-migrator.attempt"));
        assertEquals("1", meta(id, "glance-migrator.discarded-attempt"));
        assertFalse(RbdCli.admin(STACK, Cluster.NEW).check("ls", STACK.pool()).contains(id + ImageCopier.STAGING_SUFFIX));

        // Stale redeliveries: attempt 1 (first copy), and attempt 2 itself, find the new copy and report it.
        for (CopyTask stale : List.of(images.task(id, size, migration, 1, null),
                images.task(id, size, migration, 2, RetryReason.VERIFICATION_FAILED))) {
            CopyOutcome again = copy(stale);
            assertTrue(again.alreadyComplete(), "attempt " + stale.attempt());
            assertEquals(1, again.discardedAttempt(), "the copy still says what it replaced");
            assertEquals(recopiedImage, rbdImageId(id), "attempt " + stale.attempt() + " left the new copy alone");
        }
        content.assertCopied(id);
    }

    @Test
    void aRetryAfterAFailedVerificationLeavesAnotherMigrationsCopyAndForeignImagesAlone() {
        int size = 2 * MIB;
        String id = images.dense(size);
        copy(images.task(id, size, UUID.randomUUID(), 1, null));
        String image = rbdImageId(id);
        CopyOutcome other = copy(images.task(id, size, UUID.randomUUID(), 2, RetryReason.VERIFICATION_FAILED));
        assertTrue(other.alreadyComplete(), "nothing proves another migration's copy is the one that failed");
        assertEquals(image, rbdImageId(id));

        String foreign = images.dense(size);
        RbdCli newAdmin = RbdCli.admin(STACK, Cluster.NEW);
        newAdmin.check("create", "--size", "2M", STACK.pool() + "/" + foreign);
        PermanentCopyFailure refused = assertThrows(PermanentCopyFailure.class,
                () -> copy(images.task(foreign, size, UUID.randomUUID(), 2, RetryReason.VERIFICATION_FAILED)));
        assertEquals(CopyFailureReason.DESTINATION_CONFLICT, refused.reason());
        assertTrue(newAdmin.check("ls", STACK.pool()).contains(foreign));
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

    /**
     * Changes one byte of the copy's {@code snap} as bad storage or a bad copy would, keeping the copier's
     * markers: the snapshot is removed, the head written, the snapshot made and protected again.
     */
    private static void corrupt(String id, long offset) {
        try (RadosPool pool = newCluster.openPool(STACK.pool()); RbdImage image = pool.open(id)) {
            Memory buffer = new Memory(1);
            image.readAsync(offset, 1, buffer).await();
            buffer.setByte(0, (byte) ~buffer.getByte(0));
            image.unprotectSnapshot("snap");
            image.removeSnapshot("snap");
            image.writeAsync(offset, 1, buffer).await();
            image.flush();
            image.createSnapshot("snap");
            image.protectSnapshot("snap");
        }
    }

    /** RBD's internal id of the image under the name: a new one when the image was removed and made again. */
    private static String rbdImageId(String id) {
        String info = RbdCli.admin(STACK, Cluster.NEW).check("info", "--format", "json", STACK.pool() + "/" + id);
        Matcher matcher = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(info);
        assertTrue(matcher.find(), info);
        return matcher.group(1);
    }

    private static String meta(String id, String key) {
        return RbdCli.admin(STACK, Cluster.NEW).check("image-meta", "get", STACK.pool() + "/" + id, key).strip();
    }
}
