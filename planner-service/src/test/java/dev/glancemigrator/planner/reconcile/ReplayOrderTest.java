package dev.glancemigrator.planner.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.glancemigrator.events.Topics;
import dev.glancemigrator.planner.ledger.CopyResultsConsumer;
import dev.glancemigrator.planner.ledger.TaskState;
import dev.glancemigrator.planner.ledger.VerifyResultsConsumer;
import dev.glancemigrator.planner.support.Reports;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One image's events, read topic by topic as a consumer of all partitions may hand them over, are
 * applied in the order of the image's life; applied in the order read, the ledger's rules would lose
 * reports for good.
 */
class ReplayOrderTest {

    private static final String MIGRATION = UUID.randomUUID().toString();
    private static final String IMAGE = "image-1";

    private final Reports reports = new Reports(MIGRATION, IMAGE);
    private final Log log = new Log();

    private static List<String> types(List<LoggedEvent> events) {
        return events.stream().map(e -> e.event().getClass().getSimpleName() + "#" + e.event().attempt()).toList();
    }

    private static List<LoggedEvent> decoded(List<LogRecord> records) {
        return records.stream().map(Log::decoded).toList();
    }

    /** Applies the results among {@code events}, in that order, to a fresh ledger holding the image at attempt 1. */
    private static FakeLedger.Task replay(List<LoggedEvent> events) {
        FakeLedger ledger = new FakeLedger();
        FakeLedger.Task task = ledger.add(MIGRATION, IMAGE);
        for (LoggedEvent e : events) {
            if (e.topic().equals(Topics.COPY_RESULTS)) {
                ledger.apply(Log.image(e), CopyResultsConsumer.CONSUMER);
            } else if (e.topic().equals(Topics.VERIFY_RESULTS)) {
                ledger.apply(Log.image(e), VerifyResultsConsumer.CONSUMER);
            }
        }
        return task;
    }

    @Test
    void aVerifiedReadBeforeItsCopiedIsAppliedAfterIt() {
        log.append(Tasks.copyTask(MIGRATION, IMAGE, 1));
        log.append(reports.copied(1, "copier-a", 4096));
        log.append(reports.verified(1, "verifier-b", 4096));
        List<LoggedEvent> read = decoded(log.topicByTopic(Topics.VERIFY_RESULTS, Topics.COPY_RESULTS,
                Topics.COPY_TASKS));

        List<LoggedEvent> ordered = ReplayOrder.sorted(read);

        assertEquals(List.of("CopyTask#1", "Copied#1", "Verified#1"), types(ordered));
        FakeLedger.Task task = replay(ordered);
        assertEquals(TaskState.VERIFIED, task.state);
        assertEquals("copier-a", task.copyHost, "the copy's facts reached the ledger");
        // In the order read, the copied comes after the image is verified: ignored, its facts lost.
        assertNull(replay(read).copyHost);
    }

    @Test
    void aFailedAttemptComesBeforeTheRetryItCaused() {
        log.append(Tasks.copyTask(MIGRATION, IMAGE, 1));
        log.append(reports.copied(1, "copier-a", 4096));
        log.append(reports.verificationFailed(1, "verifier-b"));
        log.append(Tasks.copyTask(MIGRATION, IMAGE, 2));
        log.append(reports.copied(2, "copier-c", 4096));
        log.append(reports.verified(2, "verifier-b", 4096));
        List<LoggedEvent> read = decoded(log.topicByTopic(Topics.COPY_RESULTS, Topics.VERIFY_RESULTS,
                Topics.COPY_TASKS));

        List<LoggedEvent> ordered = ReplayOrder.sorted(read);

        assertEquals(List.of("CopyTask#1", "Copied#1", "VerificationFailed#1", "CopyTask#2", "Copied#2",
                "Verified#2"), types(ordered));
        FakeLedger.Task task = replay(ordered);
        assertEquals(TaskState.VERIFIED, task.state);
        assertEquals(2, task.attempt);
        assertEquals("copier-c", task.copyHost);
        assertEquals(List.of("copy-task#2"), task.published, "the retry is published once, as it was");
        // In the order read, copied#2 comes while the ledger is at attempt 1: stale, used up.
        assertNotEquals("copier-c", replay(read).copyHost);
    }

    @Test
    void withinOneTopicTheOrderOfProductionStays() {
        // A first delivery failed after retries, the planner retried; a redelivery of attempt 1 then
        // succeeded: its copied is stale, as the consumer found it.
        log.append(reports.copyFailed(1, "copier-a", true));
        log.append(reports.copied(1, "copier-b", 4096));
        log.append(reports.copied(2, "copier-c", 4096));

        List<LoggedEvent> ordered = ReplayOrder.sorted(decoded(log.topicByTopic(Topics.COPY_RESULTS)));

        assertEquals(List.of("CopyFailed#1", "Copied#1", "Copied#2"), types(ordered));
        FakeLedger.Task task = replay(ordered);
        assertEquals(TaskState.COPIED, task.state);
        assertEquals("copier-c", task.copyHost);
    }
}
