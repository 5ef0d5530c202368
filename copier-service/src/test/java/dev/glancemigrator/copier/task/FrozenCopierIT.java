package dev.glancemigrator.copier.task;

import static dev.glancemigrator.copier.FencingScenario.since;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.copier.Blocklist;
import dev.glancemigrator.copier.CopierProcess;
import dev.glancemigrator.copier.CopyTopics;
import dev.glancemigrator.copier.FencingScenario;
import dev.glancemigrator.copier.IsolatedTarget;
import dev.glancemigrator.copier.LogLines;
import dev.glancemigrator.copier.RbdContent;
import dev.glancemigrator.copier.SourceImages;
import dev.glancemigrator.copier.copy.ImageCopier;
import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.CopyFailed;
import dev.glancemigrator.events.CopyProgress;
import dev.glancemigrator.events.CopyResult;
import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.LocalStack.Cluster;
import dev.glancemigrator.stack.RbdCli;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A copier frozen mid-copy (SIGSTOP) for longer than the Kafka session timeout and the Ceph watch
 * timeout, while another copier takes its task over, then thawed (SIGCONT): the successor breaks
 * the frozen copier's lock on the partial image, which blocklists the frozen copier's client; once
 * thawed, nothing it writes lands, it gives the task up without reporting a failure, and it comes
 * back on a new connection and copies again.
 */
class FrozenCopierIT {

    private static final int MIB = SourceImages.MIB;
    private static final long SIZE = 512L * MIB;
    private static final Duration RESULT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(1);
    private final LocalStack stack = LocalStack.current();
    private final SourceImages images = new SourceImages(stack);
    private final RbdContent content = new RbdContent(stack);
    private final Blocklist blocklist = new Blocklist(stack);
    private final IsolatedTarget isolated = new IsolatedTarget();
    private final List<CopierProcess> copiers = new ArrayList<>();
    private final Map<String, String> settings = new HashMap<>(FencingScenario.SLOW_COPIER);
    private CopyTopics topics;

    @BeforeEach
    void openTopics() {
        topics = new CopyTopics(stack, Topics.COPY_RESULTS, Topics.COPY_PROGRESS);
        settings.put("MP_MESSAGING_INCOMING_COPY_TASKS_GROUP_ID", topics.groupStartingAtEnd(stack));
        settings.putAll(IsolatedTarget.settings(stack.readWriteConf().toString(), stack.readWriteUser(), stack.pool()));
    }

    @AfterEach
    void stopCopiers() {
        copiers.forEach(CopierProcess::close);
        topics.close();
    }

    @Test
    void aFrozenCopierIsFencedOffWritesNothingAfterItsSuccessorTookOverAndComesBackOnANewConnection()
            throws Exception {
        UUID migration = UUID.randomUUID();
        String id = images.filledInRbd(SIZE);
        CopierProcess frozen = start("copier-frozen", 18186);
        long testStarted = System.nanoTime();
        publish(images.task(id, SIZE, migration, 1));

        topics.await(Topics.COPY_PROGRESS, CopyProgress.class,
                p -> p.imageId().equals(id) && p.host().equals(frozen.host()) && p.bytesDone() > 0,
                progress -> !progress.isEmpty(), RESULT_TIMEOUT);
        String frozenClient = blocklist.watcherOf(id + ImageCopier.STAGING_SUFFIX);
        frozen.freeze();
        long frozenAt = System.nanoTime();
        log("froze %s (Ceph client %s) mid-copy", frozen.host(), frozenClient);

        CopierProcess successor = start("copier-successor", 18187);
        Copied copied = topics.await(Topics.COPY_RESULTS, Copied.class, c -> c.imageId().equals(id)
                && c.target().cluster().equals(IsolatedTarget.CLUSTER), all -> !all.isEmpty(), RESULT_TIMEOUT).get(0);
        log("%s copied it %s after the freeze (%d of %d bytes written by it)", copied.host(), since(frozenAt),
                copied.bytesWritten(), SIZE);
        assertEquals(successor.host(), copied.host());
        assertTrue(blocklist.addresses().contains(frozenClient), "breaking the lock blocklisted " + frozenClient);
        log("%s", awaitLog(successor, 0, line -> line.contains("took the lock of")));
        String metadata = RbdCli.admin(stack, Cluster.NEW).check("image-meta", "list", "--format", "json",
                content.spec(id));

        long logBeforeThaw = Files.size(frozen.log());
        frozen.thaw();
        long thawedAt = System.nanoTime();
        String fenced = awaitLog(frozen, logBeforeThaw, line -> line.contains("fenced off"));
        log("thawed %s; %s later: %s", frozen.host(), since(thawedAt), fenced);
        assertTrue(fenced.contains("given up") && fenced.contains("ESHUTDOWN"), fenced);
        awaitLog(frozen, logBeforeThaw, line -> line.contains("not ready") && line.contains("blocklisted"));
        awaitLog(frozen, logBeforeThaw, line -> line.contains("every dependency answers: ready"));
        assertEquals(200, frozen.readiness().statusCode(), frozen.readiness().body());
        log("%s ready again on a new connection %s after the thaw", frozen.host(), since(thawedAt));

        content.assertCopied(id);
        assertEquals("[]", RbdCli.admin(stack, Cluster.NEW).check("diff", "--from-snap", "snap", "--format", "json",
                content.spec(id)).trim(), "nothing was written to the image after the successor's snapshot");
        assertEquals(metadata, RbdCli.admin(stack, Cluster.NEW).check("image-meta", "list", "--format", "json",
                content.spec(id)), "nor to its metadata");
        successor.terminate();
        String next = images.dense(4 * MIB);
        publish(images.task(next, 4 * MIB, migration, 1));
        Copied nextCopied = topics.await(Topics.COPY_RESULTS, Copied.class, c -> c.imageId().equals(next)
                && c.target().cluster().equals(IsolatedTarget.CLUSTER), all -> !all.isEmpty(), RESULT_TIMEOUT).get(0);
        assertEquals(frozen.host(), nextCopied.host(), "the thawed copier takes tasks again");
        content.assertCopied(next);
        List<CopyResult> results = topics.seen(Topics.COPY_RESULTS, CopyResult.class, r -> r.imageId().equals(id)
                && copiers.stream().anyMatch(c -> c.host().equals(r.host())));
        assertTrue(results.stream().noneMatch(CopyFailed.class::isInstance), "no failure reported: " + results);
        log("done in %s", since(testStarted));
    }

    private void publish(CopyTask task) {
        isolated.publish(topics, task);
    }

    private CopierProcess start(String host, int port) {
        CopierProcess copier = CopierProcess.start(stack, host, port, settings);
        copiers.add(copier);
        return copier;
    }

    private static String awaitLog(CopierProcess copier, long offset, Predicate<String> wanted) {
        return LogLines.awaitLine(copier.log(), offset, wanted, RECOVERY_TIMEOUT);
    }

    private static void log(String format, Object... args) {
        System.out.printf("FrozenCopierIT: " + format + "%n", args);
    }
}
