package dev.glancemigrator.copier.task;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.copier.CopierProcess;
import dev.glancemigrator.copier.CopyTopics;
import dev.glancemigrator.copier.RbdContent;
import dev.glancemigrator.copier.SourceImages;
import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.CopyResult;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** A copier that cannot reach a cluster is unready, joins no consumer group and fails no task. */
class UnreadyCopierIT {

    private static final Duration QUIET = Duration.ofSeconds(10);

    private final LocalStack stack = LocalStack.current();
    private final SourceImages images = new SourceImages(stack);

    @Test
    void unreachableTargetMakesTheCopierUnreadyAndItsTasksWaitForAHealthyCopier() throws Exception {
        Path unreachable = Files.createTempFile("unreachable-", ".conf");
        Files.writeString(unreachable, Files.readString(stack.readWriteConf())
                .replaceAll("mon host = .*", "mon host = [v2:127.0.0.1:1,v1:127.0.0.1:2]"));
        String id = images.dense(SourceImages.MIB);
        try (CopyTopics topics = new CopyTopics(stack, Topics.COPY_RESULTS)) {
            String group = topics.groupStartingAtEnd(stack);
            checkWithUnreadyCopier(topics, group, unreachable, id);
        } finally {
            Files.deleteIfExists(unreachable);
        }
        new RbdContent(stack).assertCopied(id);
    }

    private void checkWithUnreadyCopier(CopyTopics topics, String group, Path unreachable, String id) throws Exception {
        try (CopierProcess unready = CopierProcess.startAlive(stack, "copier-unready", 18184,
                Map.of("COPIER_CLUSTERS_NEW_CONF", unreachable.toString(), "COPIER_CEPH_TIMEOUT", "2s",
                        "MP_MESSAGING_INCOMING_COPY_TASKS_GROUP_ID", group))) {
            // Long enough to join the group were it ready: it stays unready and out of the group throughout.
            await("an unready copier that holds no partitions").during(QUIET).atMost(QUIET.multipliedBy(2))
                    .untilAsserted(() -> {
                        var readiness = unready.readiness();
                        assertEquals(503, readiness.statusCode());
                        assertTrue(readiness.body().contains("\"new\""), readiness.body());
                        assertEquals(0, groupMembers(group), "an unready copier holds no partitions");
                    });

            topics.publish(images.task(id, SourceImages.MIB));
            // nothing copied, nothing failed
            topics.awaitNone(Topics.COPY_RESULTS, CopyResult.class, r -> r.imageId().equals(id), QUIET);

            try (CopierProcess healthy = CopierProcess.start(stack, "copier-healthy", 18185,
                    Map.of("MP_MESSAGING_INCOMING_COPY_TASKS_GROUP_ID", group))) {
                Copied copied = topics.await(Topics.COPY_RESULTS, Copied.class, c -> c.imageId().equals(id),
                        all -> !all.isEmpty(), Duration.ofMinutes(2)).get(0);
                assertEquals("copier-healthy", copied.host());
            }
        }
    }

    private int groupMembers(String group) throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", stack.kafkaBootstrap());
        try (Admin admin = Admin.create(config)) {
            return admin.describeConsumerGroups(java.util.List.of(group)).all().get().get(group).members().size();
        }
    }
}
