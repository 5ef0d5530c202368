package dev.glancemigrator.planner.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.events.Verified;
import dev.glancemigrator.planner.ledger.CopyResultsConsumer;
import dev.glancemigrator.planner.ledger.TaskState;
import dev.glancemigrator.planner.ledger.VerifyResultsConsumer;
import dev.glancemigrator.planner.support.Reports;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reconcile merges the log into ledger and audit: what they lack is added, through the ledger's own
 * rules; what they hold is left; other migrations and malformed records are skipped.
 */
class ReconciliationTest {

    private static final String MIGRATION = UUID.randomUUID().toString();
    private static final String OTHER_MIGRATION = UUID.randomUUID().toString();

    private final FakeLedger ledger = new FakeLedger();
    private final FakeAudit audit = new FakeAudit();
    private final Log log = new Log();
    private Copied copied;
    private Verified verified;

    /**
     * Image "lost" was copied and verified; the live consumers applied and audited everything but its
     * verified. Image "done" went through without a loss. The other migration's events are on the same topics.
     */
    @BeforeEach
    void aLedgerThatLostOneVerified() {
        ledger.add(MIGRATION, "lost");
        ledger.add(MIGRATION, "done");
        ledger.add(OTHER_MIGRATION, "theirs");
        liveConsumersGet(log.append(Tasks.planned(MIGRATION, 2)));
        liveConsumersGet(log.append(Tasks.copyTask(MIGRATION, "lost", 1)));
        liveConsumersGet(log.append(Tasks.copyTask(MIGRATION, "done", 1)));
        Reports lost = new Reports(MIGRATION, "lost");
        copied = lost.copied(1, "copier-a", 4096);
        liveConsumersGet(log.append(copied));
        verified = lost.verified(1, "verifier-b", 4096);
        log.append(verified);
        Reports done = new Reports(MIGRATION, "done");
        liveConsumersGet(log.append(done.copied(1, "copier-a", 4096)));
        liveConsumersGet(log.append(done.verified(1, "verifier-b", 4096)));
        log.appendRaw(Topics.COPY_RESULTS, "{\"type\":\"copied\",".getBytes(StandardCharsets.UTF_8));
        // Valid JSON, but a task on the results topic: malformed there, as the audit consumer has it.
        log.appendRaw(Topics.COPY_RESULTS, log.records.get(1).value());
        log.append(new Reports(OTHER_MIGRATION, "theirs").copied(1, "copier-a", 4096));
    }

    private void liveConsumersGet(LogRecord record) {
        LoggedEvent e = Log.decoded(record);
        audit.append(e.event(), e.payload(), e.topic(), e.partition(), e.offset());
        if (e.topic().equals(Topics.COPY_RESULTS)) {
            ledger.liveConsumerApplies(Log.image(e), CopyResultsConsumer.CONSUMER);
        } else if (e.topic().equals(Topics.VERIFY_RESULTS)) {
            ledger.liveConsumerApplies(Log.image(e), VerifyResultsConsumer.CONSUMER);
        }
    }

    private ReconcileSummary reconcile(List<List<LogRecord>> batches, boolean complete) {
        Reconciliation pass = new Reconciliation(Set.of(MIGRATION), ledger, audit);
        batches.forEach(pass::accept);
        Map<String, ReconcileSummary> summaries = pass.finish(complete, Instant.now());
        assertEquals(Set.of(MIGRATION), summaries.keySet());
        return summaries.get(MIGRATION);
    }

    @Test
    void whatTheLedgerAndTheAuditLackIsAddedAndNothingElse() {
        int audited = audit.positions.size();
        ReconcileSummary summary = reconcile(List.of(log.records), true);

        assertTrue(summary.complete());
        assertEquals(log.records.size(), summary.recordsRead());
        assertEquals(2, summary.malformedSkipped());
        assertEquals(7, summary.eventsRead(), "plan, 2 tasks, 2 copied, 2 verified");
        assertEquals(1, summary.eventsApplied());
        assertEquals(0, summary.eventsStale());
        assertEquals(1, summary.auditEntriesAdded());
        assertEquals(List.of(new ReconcileSummary.ImageChange("lost", TaskState.COPIED, TaskState.VERIFIED)),
                summary.changes());
        assertEquals(1, summary.imagesChanged());
        assertEquals(TaskState.VERIFIED, ledger.task(MIGRATION, "lost").state);
        assertEquals(audited + 1, audit.positions.size(), "only the lost verified; not the other migration's");
        assertEquals(TaskState.PLANNED, ledger.task(OTHER_MIGRATION, "theirs").state, "another migration's");
    }

    @Test
    void aSecondReconcileChangesNothing() {
        reconcile(List.of(log.records), true);
        List<String> appliedBefore = List.copyOf(ledger.applied);
        int audited = audit.positions.size();

        ReconcileSummary again = reconcile(List.of(log.records), true);

        assertEquals(7, again.eventsRead());
        assertEquals(0, again.eventsApplied() + again.eventsStale() + again.auditEntriesAdded() + again.imagesChanged());
        assertEquals(appliedBefore, ledger.applied);
        assertEquals(audited, audit.positions.size());
    }

    @Test
    void reportsAreAppliedInTheImagesOrderWhateverTheOrderTheyAreReadIn() {
        // Both of this image's results lost; the verify results arrive in an earlier batch.
        Reports late = new Reports(MIGRATION, "late");
        ledger.add(MIGRATION, "late");
        log.append(late.copied(1, "copier-z", 4096));
        log.append(late.verified(1, "verifier-b", 4096));

        ReconcileSummary summary = reconcile(List.of(log.topicByTopic(Topics.VERIFY_RESULTS),
                log.topicByTopic(Topics.COPY_TASKS, Topics.MIGRATION_EVENTS, Topics.COPY_RESULTS)), true);

        assertEquals(3, summary.eventsApplied(), "lost's verified, late's copied and verified");
        assertEquals(TaskState.VERIFIED, ledger.task(MIGRATION, "late").state);
        assertEquals("copier-z", ledger.task(MIGRATION, "late").copyHost, "its copied was applied first");
        assertEquals(2, summary.imagesChanged());
    }

    @Test
    void aReadThatStoppedShortLeavesTheLedgerAndStillMendsTheAudit() {
        ReconcileSummary summary = reconcile(List.of(log.topicByTopic(Topics.VERIFY_RESULTS)), false);

        assertFalse(summary.complete());
        assertEquals(0, summary.eventsApplied());
        assertEquals(TaskState.COPIED, ledger.task(MIGRATION, "lost").state);
        assertEquals(1, summary.auditEntriesAdded());
        assertTrue(audit.positions.contains(FakeAudit.position(Topics.VERIFY_RESULTS, 0,
                log.records.stream().filter(r -> r.topic().equals(Topics.VERIFY_RESULTS)).findFirst().orElseThrow()
                        .offset())));
    }

    @Test
    void staleAndUnknownReportsAreCountedApartAndChangeNothing() {
        Reports lost = new Reports(MIGRATION, "lost");
        log.append(lost.copyFailed(1, "copier-c", true));
        log.append(new Reports(MIGRATION, "not-in-the-ledger").copied(1, "copier-a", 4096));

        ReconcileSummary summary = reconcile(List.of(log.records), true);

        assertEquals(1, summary.eventsApplied(), "the verified");
        assertEquals(1, summary.eventsStale(), "a copy failure of an attempt whose copy succeeded");
        assertEquals(1, summary.eventsForUnknownImages());
        assertEquals(TaskState.VERIFIED, ledger.task(MIGRATION, "lost").state);
        assertTrue(ledger.task(MIGRATION, "lost").published.isEmpty(), "no retry");
    }
}
