package dev.glancemigrator.copier.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.copier.CopierProcess;
import dev.glancemigrator.copier.CopyTopics;
import dev.glancemigrator.copier.RbdContent;
import dev.glancemigrator.copier.SourceImages;
import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.CopyProgress;
import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two copier processes in one consumer group, on the real stack. */
class CopierScaleOutIT {

    private static final int MIB = SourceImages.MIB;
    private static final Duration RESULT_TIMEOUT = Duration.ofMinutes(3);
    /** Small I/O depth and frequent progress, so a large copy is still running when it is killed. */
    private static final Map<String, String> SLOW = Map.of("COPIER_READS_IN_FLIGHT", "1", "COPIER_WRITES_IN_FLIGHT", "1",
            "COPIER_PROGRESS_INTERVAL", "100ms", "COPIER_LOCK_RETRY_INTERVAL", "1s", "COPIER_DRAIN_GRACE", "1s",
            "COPIER_CHECKPOINT_INTERVAL", "500ms");

    private final LocalStack stack = LocalStack.current();
    private final SourceImages images = new SourceImages(stack);
    private final RbdContent content = new RbdContent(stack);
    private final List<CopierProcess> copiers = new ArrayList<>();
    private CopyTopics topics;

    @BeforeEach
    void startTwoCopiers() {
        topics = new CopyTopics(stack, Topics.COPY_RESULTS, Topics.COPY_PROGRESS, Topics.DEAD_LETTER);
        Map<String, String> settings = new java.util.HashMap<>(SLOW);
        settings.put("MP_MESSAGING_INCOMING_COPY_TASKS_GROUP_ID", topics.groupStartingAtEnd(stack));
        copiers.add(CopierProcess.start(stack, "copier-a", 18182, settings));
        copiers.add(CopierProcess.start(stack, "copier-b", 18183, settings));
    }

    @AfterEach
    void stopCopiers() {
        copiers.forEach(CopierProcess::close);
        topics.close();
    }

    @Test
    void twoInstancesShareOneMigrationsTasks() {
        UUID migration = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(images.dense(MIB + i));
        }
        ids.forEach(id -> topics.publish(images.task(id, 0, migration, 1)));

        List<Copied> copied = topics.await(Topics.COPY_RESULTS, Copied.class, c -> c.migrationId().equals(migration),
                all -> all.stream().map(Copied::imageId).distinct().count() == ids.size(), RESULT_TIMEOUT);

        Set<String> hosts = copied.stream().map(Copied::host).collect(Collectors.toSet());
        assertEquals(Set.of("copier-a", "copier-b"), hosts, "both copiers took part");
        ids.forEach(content::assertCopied);
    }

    @Test
    void aCopierKilledMidCopyLeavesItsTaskToTheOtherWhichCompletesItCorrectly() {
        UUID migration = UUID.randomUUID();
        String id = images.filledInRbd(1024L * MIB);
        CopyTask task = images.task(id, 1024L * MIB, migration, 1);
        topics.publish(task);

        CopyProgress started = topics.await(Topics.COPY_PROGRESS, CopyProgress.class, p -> p.imageId().equals(id),
                progress -> !progress.isEmpty(), RESULT_TIMEOUT).get(0);
        CopierProcess victim = copiers.stream().filter(c -> c.host().equals(started.host())).findFirst().orElseThrow();
        victim.kill();

        Copied copied = topics.await(Topics.COPY_RESULTS, Copied.class, c -> c.imageId().equals(id),
                all -> !all.isEmpty(), RESULT_TIMEOUT).get(0);
        assertNotEquals(victim.host(), copied.host());
        content.assertCopied(id);
    }

    @Test
    void aCopierStoppedWithSigtermAbandonsWithinItsGraceAndAnotherFinishesTheCopy() throws Exception {
        String id = images.filledInRbd(1024L * MIB);
        topics.publish(images.task(id, 1024L * MIB));

        CopyProgress started = topics.await(Topics.COPY_PROGRESS, CopyProgress.class, p -> p.imageId().equals(id),
                progress -> !progress.isEmpty(), RESULT_TIMEOUT).get(0);
        CopierProcess stopped = copiers.stream().filter(c -> c.host().equals(started.host())).findFirst().orElseThrow();
        stopped.terminate();
        String log = java.nio.file.Files.readString(java.nio.file.Path.of("target", stopped.host() + ".log"));
        assertTrue(log.contains("abandoned") || log.contains("copied images/" + id), "drained: " + log.lines()
                .filter(line -> line.contains("drain") || line.contains("abandon")).toList());

        Copied copied = topics.await(Topics.COPY_RESULTS, Copied.class, c -> c.imageId().equals(id),
                all -> !all.isEmpty(), RESULT_TIMEOUT).get(0);
        content.assertCopied(id);
        if (log.contains("abandoned")) {
            assertNotEquals(stopped.host(), copied.host());
        }
    }

    @Test
    void aMalformedTaskGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        String key = "garbage-" + UUID.randomUUID();
        topics.publishRaw(key, "{\"type\":\"copy-task\",\"imageId\":".getBytes(StandardCharsets.UTF_8));
        String id = images.dense(MIB);
        topics.publish(images.task(id, MIB));

        var dead = topics.awaitRecord(Topics.DEAD_LETTER, r -> key.equals(r.key()), RESULT_TIMEOUT);
        Header reason = dead.headers().lastHeader("dead-letter-reason");
        assertTrue(reason != null && new String(reason.value(), StandardCharsets.UTF_8).contains("not a valid CopyTask"));
        topics.await(Topics.COPY_RESULTS, Copied.class, c -> c.imageId().equals(id), all -> !all.isEmpty(), RESULT_TIMEOUT);
        content.assertCopied(id);
    }
}
