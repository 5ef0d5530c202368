package dev.glancemigrator.copier.copy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.ceph.CephClientConfig;
import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.CephException;
import dev.glancemigrator.ceph.ImageLayout;
import dev.glancemigrator.ceph.RadosPool;
import dev.glancemigrator.ceph.RbdImage;
import dev.glancemigrator.copier.Blocklist;
import dev.glancemigrator.copier.RbdContent;
import dev.glancemigrator.copier.SourceImages;
import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.LocalStack.Cluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A copy whose target client is blocklisted, as librbd does to a holder whose lock another copier
 * breaks: once the copy holds the lock, that means the task was taken over (fenced off, reported
 * by no one); before, it is only a dead connection (an error like any other, retried).
 */
@Tag("stack")
class FencedCopyTest {

    private static final int MIB = SourceImages.MIB;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** One object in flight and frequent progress, so the copy is still writing when the client is blocklisted. */
    private static final CopyTuning SLOW = new CopyTuning(1, 1, 64 * 1024, false, Duration.ofMillis(1),
            Duration.ofSeconds(10));

    private static final LocalStack STACK = LocalStack.current();

    private final SourceImages images = new SourceImages(STACK);
    private final RbdContent content = new RbdContent(STACK);
    private final Blocklist blocklist = new Blocklist(STACK);
    private final ImageCopier copier = new ImageCopier(SLOW, new LockWait(Duration.ofMillis(200)));
    private final List<String> blocklisted = new ArrayList<>();
    private CephCluster source;
    private CephCluster target;

    @BeforeEach
    void connect() {
        source = CephCluster.connect(new CephClientConfig(STACK.readOnlyConf(Cluster.OLD), STACK.readOnlyUser(Cluster.OLD),
                TIMEOUT));
        target = connectTarget();
    }

    @AfterEach
    void disconnect() {
        blocklisted.forEach(blocklist::remove);
        source.close();
        target.close();
    }

    @Test
    void blocklistedWhileHoldingTheLockTheCopyIsFencedOffAndAnotherCopierResumesIt() {
        String id = images.dense(64 * MIB);
        CopyTask task = images.task(id, 64 * MIB);
        CopyFencedException fenced = assertThrows(CopyFencedException.class, () -> copier.copy(task, source, target,
                (done, total, rate) -> {
                    if (blocklisted.isEmpty()) {
                        blocklist(blocklist.watcherOf(id + ImageCopier.STAGING_SUFFIX));
                    }
                }, () -> false));
        assertTrue(((CephException) fenced.getCause()).blocklisted(), fenced.getMessage());

        try (CephCluster successor = connectTarget()) {
            CopyOutcome outcome = copier.copy(task, source, successor, (done, total, rate) -> { }, () -> false);
            assertFalse(outcome.alreadyComplete());
        }
        content.assertCopied(id);
    }

    @Test
    void blocklistedBeforeTakingTheLockTheCopyFailsLikeOnAnyDeadConnection() {
        String scratch = "fenced-copy-test-" + UUID.randomUUID();
        try (RadosPool pool = target.openPool(STACK.pool())) {
            pool.createImage(scratch, new ImageLayout(MIB, 22, ImageLayout.FEATURE_LAYERING
                    | ImageLayout.FEATURE_EXCLUSIVE_LOCK, 1L << 22, 1));
            try (RbdImage open = pool.open(scratch)) {
                blocklist(blocklist.watcherOf(scratch));
            } catch (CephException e) {
                assertTrue(e.blocklisted(), e.getMessage()); // closing may report the watch it could not remove
            }
        }
        String id = images.dense(MIB);
        RuntimeException failed = assertThrows(RuntimeException.class,
                () -> copier.copy(images.task(id, MIB), source, target, (done, total, rate) -> { }, () -> false));
        assertFalse(failed instanceof CopyAbandonedException, failed.toString());
        assertTrue(failed instanceof CephException e && e.blocklisted(), failed.toString());
        try (CephCluster other = connectTarget(); RadosPool pool = other.openPool(STACK.pool())) {
            pool.removeImage(scratch);
        }
    }

    private void blocklist(String address) {
        blocklisted.add(address);
        blocklist.add(address);
    }

    private static CephCluster connectTarget() {
        return CephCluster.connect(new CephClientConfig(STACK.readWriteConf(), STACK.readWriteUser(), TIMEOUT));
    }
}
