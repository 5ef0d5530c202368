package dev.glancemigrator.copier.task;

import static dev.glancemigrator.copier.FencingScenario.since;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.copier.Blocklist;
import dev.glancemigrator.copier.CopierHost;
import dev.glancemigrator.copier.CopyTopics;
import dev.glancemigrator.copier.FencingScenario;
import dev.glancemigrator.copier.IsolatedTarget;
import dev.glancemigrator.copier.LogLines;
import dev.glancemigrator.copier.RbdContent;
import dev.glancemigrator.copier.SourceImages;
import dev.glancemigrator.copier.copy.ImageCopier;
import dev.glancemigrator.events.Copied;
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
 * A copier host (a container with a network of its own) cut off the network mid-copy — its interface
 * removed: it runs on, reaching neither Ceph nor Kafka — for longer than the Kafka session and the
 * Ceph watch timeouts, while a host added meanwhile takes its task over; then given its network back
 * with the address it had. The fencing is the frozen copier's (FrozenCopierIT): the new host breaks
 * the lost host's exclusive lock on the partial image, which blocklists the lost host's Ceph client.
 */
class CopierHostCutOffIT {

    private static final int MIB = SourceImages.MIB;
    private static final long SIZE = 512L * MIB;
    private static final long NEXT_SIZE = 16L * MIB;
    private static final Duration RESULT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(2);

    private final LocalStack stack = LocalStack.current();
    private final SourceImages images = new SourceImages(stack);
    private final RbdContent content = new RbdContent(stack);
    private final Blocklist blocklist = new Blocklist(stack);
    private final IsolatedTarget isolated = new IsolatedTarget();
    private final List<CopierHost> hosts = new ArrayList<>();
    private final Map<String, String> settings = new HashMap<>(FencingScenario.SLOW_COPIER);
    private CopyTopics topics;

    @BeforeEach
    void openTopics() {
        topics = new CopyTopics(stack, Topics.COPY_RESULTS, Topics.COPY_PROGRESS);
        settings.put("MP_MESSAGING_INCOMING_COPY_TASKS_GROUP_ID", topics.groupStartingAtEnd(stack));
        settings.putAll(IsolatedTarget.settings(CopierHost.cephConf(stack, "new"), stack.readWriteUser(), stack.pool()));
    }

    @AfterEach
    void removeHosts() {
        hosts.forEach(CopierHost::close);
        topics.close();
    }

    @Test
    void aHostCutOffMidCopyLosesItsTaskToAnAddedHostAndBackOnTheNetworkWritesAndReportsNothingForIt()
            throws Exception {
        UUID migration = UUID.randomUUID();
        String id = images.filledInRbd(SIZE);
        CopierHost lost = start("copier-lost");
        long testStarted = System.nanoTime();
        publish(images.task(id, SIZE, migration, 1));

        topics.await(Topics.COPY_PROGRESS, CopyProgress.class,
                p -> p.imageId().equals(id) && p.host().equals(lost.host()) && p.bytesDone() > 0,
                progress -> !progress.isEmpty(), RESULT_TIMEOUT);
        String lostClient = blocklist.watcherOf(id + ImageCopier.STAGING_SUFFIX);
        assertTrue(lostClient.startsWith(lost.address() + ":"),
                "Ceph sees the host at its own address " + lost.address() + ", not this machine's: " + lostClient);
        lost.cut();
        long cutAt = System.nanoTime();
        log("cut %s (Ceph client %s) off the network mid-copy", lost.host(), lostClient);

        CopierHost added = start("copier-added");
        Copied copied = topics.await(Topics.COPY_RESULTS, Copied.class, c -> c.imageId().equals(id)
                && c.target().cluster().equals(IsolatedTarget.CLUSTER), all -> !all.isEmpty(), RESULT_TIMEOUT).get(0);
        log("%s, added after the cut, copied it %s after the cut (%d of %d bytes written by it)", copied.host(),
                since(cutAt), copied.bytesWritten(), SIZE);
        assertEquals(added.host(), copied.host());
        assertTrue(blocklist.addresses().contains(lostClient), "breaking the lock blocklisted " + lostClient);
        content.assertCopied(id);
        String metadata = RbdCli.admin(stack, Cluster.NEW).check("image-meta", "list", "--format", "json",
                content.spec(id));

        long logBeforeReconnect = Files.size(lost.log());
        lost.reconnect();
        long reconnectedAt = System.nanoTime();
        log("reconnected %s %s after the cut", lost.host(), Duration.ofNanos(reconnectedAt - cutAt).toSeconds() + " s");
        log("%s", awaitLog(lost, logBeforeReconnect, line -> line.contains("blocklisted")));
        awaitLog(lost, logBeforeReconnect, line -> line.contains("every dependency answers: ready"));
        assertEquals(200, lost.readiness().statusCode(), lost.readiness().body());
        log("%s ready again on a new connection %s after the reconnect", lost.host(), since(reconnectedAt));

        content.assertCopied(id);
        assertEquals("[]", RbdCli.admin(stack, Cluster.NEW).check("diff", "--from-snap", "snap", "--format", "json",
                content.spec(id)).trim(), "nothing was written to the image after the added host's snapshot");
        assertEquals(metadata, RbdCli.admin(stack, Cluster.NEW).check("image-meta", "list", "--format", "json",
                content.spec(id)), "nor to its metadata");

        added.close();
        hosts.remove(added);
        // Written in 8 MiB I/Os by rbd bench: at least one object's worth.
        String next = images.filledInRbd(NEXT_SIZE);
        publish(images.task(next, NEXT_SIZE, migration, 1));
        Copied nextCopied = topics.await(Topics.COPY_RESULTS, Copied.class, c -> c.imageId().equals(next)
                && c.target().cluster().equals(IsolatedTarget.CLUSTER), all -> !all.isEmpty(), RESULT_TIMEOUT).get(0);
        assertEquals(lost.host(), nextCopied.host(), "the host back on the network takes tasks again");
        content.assertCopied(next);
        List<CopyResult> fromLost = topics.seen(Topics.COPY_RESULTS, CopyResult.class,
                r -> r.imageId().equals(id) && r.host().equals(lost.host()));
        assertEquals(List.of(), fromLost, "the host that lost the task reports neither a stale copy nor a failure");
        log("done in %s", since(testStarted));
    }

    private void publish(CopyTask task) {
        isolated.publish(topics, task);
    }

    private CopierHost start(String name) {
        CopierHost host = CopierHost.start(stack, name, settings);
        hosts.add(host);
        return host;
    }

    private static String awaitLog(CopierHost host, long offset, Predicate<String> wanted) {
        return LogLines.awaitLine(host.log(), offset, wanted, RECOVERY_TIMEOUT);
    }

    private static void log(String format, Object... args) {
        System.out.printf("CopierHostCutOffIT: " + format + "%n", args);
    }
}
