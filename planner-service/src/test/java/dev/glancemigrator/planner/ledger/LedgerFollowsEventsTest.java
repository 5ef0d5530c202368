package dev.glancemigrator.planner.ledger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.CopyFailed;
import dev.glancemigrator.events.DependentClone;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.events.VerificationFailed;
import dev.glancemigrator.events.Verified;
import dev.glancemigrator.planner.support.Api;
import dev.glancemigrator.planner.support.Reports;
import dev.glancemigrator.planner.support.Topic;
import dev.glancemigrator.stack.GlanceApi;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ledger follows what copiers and verifiers report on the real topics: states, retries up to
 * planner.max-attempts, at-most-once application of one event, and poison pills set aside.
 * Each test uses images it uploaded itself, in a migration planned for it, and plays copier and
 * verifier itself: it assumes no real copier consumes copy-tasks meanwhile (CI runs one module at a time).
 */
@QuarkusTest
@Tag("stack")
class LedgerFollowsEventsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final GlanceApi GLANCE = new GlanceApi(LocalStack.current());
    private static final int IMAGE_BYTES = 4096;
    private static String migrationId;
    private static String retried;
    private static String verified;
    private static String poisoned;
    private static String recopied;
    private static String cloned;

    private final Sql ledger = Sql.ledger();

    @BeforeAll
    static void uploadAndPlan() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        retried = GLANCE.createWithData("ledger-retried-" + tag, new byte[IMAGE_BYTES]);
        verified = GLANCE.createWithData("ledger-vérifié-" + tag, new byte[IMAGE_BYTES]);
        poisoned = GLANCE.createWithData("ledger-after-poison-" + tag, new byte[IMAGE_BYTES]);
        recopied = GLANCE.createWithData("ledger-recopied-" + tag, new byte[IMAGE_BYTES]);
        cloned = GLANCE.createWithData("ledger-cloned-" + tag, new byte[IMAGE_BYTES]);
    }

    @AfterAll
    static void deleteImages() {
        List.of(retried, verified, poisoned, recopied, cloned).forEach(GLANCE::delete);
    }

    private static synchronized String migration() {
        if (migrationId == null) {
            migrationId = Api.planOldToNew();
        }
        return migrationId;
    }

    private Map<String, Object> task(String imageId) {
        return ledger.rows("SELECT * FROM image_task WHERE migration_id = ? AND image_id = ?", migration(), imageId)
                .get(0);
    }

    private Map<String, Object> taskOnceProcessed(String imageId, UUID eventId) {
        await("event " + eventId + " applied").atMost(TIMEOUT).until(() ->
                ledger.count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", eventId.toString()) > 0);
        return task(imageId);
    }

    @Test
    void copyAndVerifyReportsMoveAnImageToVerifiedAndShowInStatusAndManifest() {
        Reports reports = new Reports(migration(), verified);
        Reports.send(reports.copyProgress(1, "copier-a", IMAGE_BYTES / 2, IMAGE_BYTES));
        await("copying on copier-a").atMost(TIMEOUT).until(() -> "copying".equals(task(verified).get("state")));
        JsonPath status = given().get("/migrations/" + migration()).then().statusCode(200).extract().jsonPath();
        assertTrue(status.getList("inFlight.host").contains("copier-a"), status.prettify());
        assertTrue(status.getLong("rateBytesPerSecond") > 0, "progress counts in the current rate");
        assertTrue(status.getLong("inFlight.find { it.host == 'copier-a' }.copyBytesPerSecond") > 0,
                "and in the rate of the host that reported it: " + status.prettify());

        Copied copied = reports.copied(1, "copier-a", IMAGE_BYTES);
        Reports.send(copied);
        assertEquals("copied", taskOnceProcessed(verified, copied.eventId()).get("state"));
        Reports.send(reports.verifyProgress(1, "verifier-b", 1, IMAGE_BYTES));
        await("verifying on verifier-b").atMost(TIMEOUT).until(() -> "verifying".equals(task(verified).get("state")));
        Verified done = reports.verified(1, "verifier-b", IMAGE_BYTES);
        Reports.send(done);
        Map<String, Object> task = taskOnceProcessed(verified, done.eventId());

        assertEquals("verified", task.get("state"));
        assertEquals("copier-a", task.get("copy_host"));
        assertEquals("verifier-b", task.get("verify_host"));
        assertEquals("c0ffee", task.get("computed_hash"));
        assertEquals((long) IMAGE_BYTES, ((Number) task.get("bytes_verified")).longValue());
        String manifest = given().get("/migrations/" + migration() + "/manifest.yaml").then().statusCode(200)
                .extract().asString();
        assertTrue(manifest.startsWith("update_date: "), manifest);
        assertTrue(manifest.contains("  - id: \"" + verified + "\"\n"), manifest);
        assertTrue(manifest.contains("    size_bytes: \"" + IMAGE_BYTES + "\"\n"), manifest);
        assertTrue(manifest.contains("ledger-vérifié-"), manifest);

        JsonPath history = await("the image's history in the audit trail").atMost(TIMEOUT).until(
                () -> given().get("/migrations/" + migration() + "/images/" + verified + "/events").then()
                        .statusCode(200).extract().jsonPath(),
                h -> h.getList("items.type").containsAll(List.of("copy-task", "copied", "verified")));
        List<String> types = history.getList("items.type");
        assertTrue(types.indexOf("copy-task") < types.indexOf("copied")
                && types.indexOf("copied") < types.indexOf("verified"), types.toString());
        assertEquals(Topics.VERIFY_RESULTS, history.getString("items.find { it.type == 'verified' }.topic"));
        assertEquals("verifier-b", history.getString("items.find { it.type == 'verified' }.host"));
    }

    @Test
    void theCloneChildrenOfTheLatestCopiedShowInTheStatusCountsAndOnTheImagesPage() {
        Reports reports = new Reports(migration(), cloned);
        DependentClone disk = DependentClone.found("vms", "", UUID.randomUUID() + "_disk", false);
        DependentClone volume = DependentClone.found("volumes", "", "volume-" + UUID.randomUUID(), true);
        Copied copied = reports.copied(1, "copier-a", IMAGE_BYTES, List.of(disk, volume));
        Reports.send(copied);
        taskOnceProcessed(cloned, copied.eventId());

        JsonPath status = given().get("/migrations/" + migration()).then().statusCode(200).extract().jsonPath();
        assertEquals(1, status.getInt("dependents.images"), status.prettify());
        assertEquals(2, status.getInt("dependents.children"), status.prettify());
        JsonPath images = given().queryParam("state", "copied").queryParam("size", 500)
                .get("/migrations/" + migration() + "/images").then().statusCode(200).extract().jsonPath();
        String path = "items.find { it.imageId == '" + cloned + "' }.dependents";
        assertEquals(List.of(disk.image(), volume.image()), images.getList(path + ".image"));
        assertEquals(List.of("vms", "volumes"), images.getList(path + ".pool"));
        assertEquals(List.of("instance-disk", "volume"), images.getList(path + ".kind"));
        assertEquals(List.of(false, true), images.getList(path + ".inTrash"));

        // The copier reports the copy again once the volume is gone: its list replaces the first.
        Copied again = reports.copied(1, "copier-b", IMAGE_BYTES, List.of(disk));
        Reports.send(again);
        taskOnceProcessed(cloned, again.eventId());
        status = given().get("/migrations/" + migration()).then().statusCode(200).extract().jsonPath();
        assertEquals(1, status.getInt("dependents.children"), status.prettify());
        assertEquals(1, ledger.count("SELECT COUNT(*) FROM image_dependent d JOIN image_task t ON t.id = d.task_id"
                + " WHERE t.migration_id = ? AND t.image_id = ?", migration(), cloned));
    }

    @Test
    void theSameEventTwiceLeavesTheLedgerAsOnceAndRetriesStopAtMaxAttempts() {
        Reports reports = new Reports(migration(), retried);
        Copied copied = reports.copied(1, "copier-a", IMAGE_BYTES);
        Reports.send(copied);
        taskOnceProcessed(retried, copied.eventId());

        VerificationFailed failed = reports.verificationFailed(1, "verifier-b");
        Reports.send(failed);
        Reports.send(failed);
        // A stale report behind the duplicate on the same partition: once it is claimed, so was the duplicate.
        Verified stale = reports.verified(1, "verifier-b", IMAGE_BYTES);
        Reports.send(stale);
        Map<String, Object> task = taskOnceProcessed(retried, stale.eventId());
        assertEquals(2, ((Number) task.get("attempt")).intValue(), "one retry, not two");
        assertEquals("planned", task.get("state"));
        assertTrue(String.valueOf(task.get("last_failure")).contains("HASH_MISMATCH"), task.toString());
        assertEquals(1, ledger.count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?",
                failed.eventId().toString()));
        assertEquals(2, ledger.count("SELECT COUNT(*) FROM task_attempt WHERE task_id = ?", task.get("id")));
        assertEquals(2, ledger.count("SELECT COUNT(*) FROM outbox WHERE migration_id = ? AND record_key = ? "
                + "AND event_type = 'copy-task'", migration(), retried));
        List<ConsumerRecord<String, byte[]>> republished = new Topic(Topics.COPY_TASKS).read(migration(),
                Duration.ofSeconds(30), seen -> seen.stream().anyMatch(r -> isAttempt(r, retried, 2)));
        assertTrue(republished.stream().anyMatch(r -> isAttempt(r, retried, 2)), "attempt 2 published");

        CopyFailed second = reports.copyFailed(2, "copier-a", true);
        Reports.send(second);
        assertEquals(3, ((Number) taskOnceProcessed(retried, second.eventId()).get("attempt")).intValue());
        CopyFailed third = reports.copyFailed(3, "copier-a", true);
        Reports.send(third);
        task = taskOnceProcessed(retried, third.eventId());
        assertEquals("failed", task.get("state"), "planner.max-attempts is 3");
        assertTrue(String.valueOf(task.get("reason")).contains("attempts exhausted"), task.toString());

        JsonPath status = given().get("/migrations/" + migration()).then().statusCode(200).extract().jsonPath();
        assertTrue(status.getList("failures.imageId").contains(retried), status.prettify());
        assertTrue(status.getString("failures.find { it.imageId == '" + retried + "' }.reason")
                .contains("RETRIES_EXHAUSTED"));
    }

    @Test
    void eachRetryIsPublishedAndRecordedWithItsReason() {
        Reports reports = new Reports(migration(), recopied);
        Copied copied = reports.copied(1, "copier-a", IMAGE_BYTES);
        Reports.send(copied);
        taskOnceProcessed(recopied, copied.eventId());
        VerificationFailed mismatch = reports.verificationFailed(1, "verifier-b");
        Reports.send(mismatch);
        Map<String, Object> task = taskOnceProcessed(recopied, mismatch.eventId());
        assertEquals(2, ((Number) task.get("attempt")).intValue());
        assertEquals("VERIFICATION_FAILED", task.get("retry_reason"));
        List<ConsumerRecord<String, byte[]>> published = new Topic(Topics.COPY_TASKS).read(migration(),
                Duration.ofSeconds(30), seen -> seen.stream().anyMatch(r -> isAttempt(r, recopied, 2)));
        String second = published.stream().filter(r -> isAttempt(r, recopied, 2))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
        assertTrue(second.contains("\"retryReason\":\"VERIFICATION_FAILED\""), second);
        assertTrue(second.contains("\"schemaVersion\":2"), second);

        // The retry's copy failed before it replaced the copy that failed verification: that copy may
        // still be there, so the next attempt is still a retry after a failed verification.
        CopyFailed copyFailed = reports.copyFailed(2, "copier-a", true);
        Reports.send(copyFailed);
        task = taskOnceProcessed(recopied, copyFailed.eventId());
        assertEquals(3, ((Number) task.get("attempt")).intValue());
        assertEquals("VERIFICATION_FAILED", task.get("retry_reason"));

        List<Map<String, Object>> attempts = ledger.rows("SELECT attempt, retry_reason, outcome FROM task_attempt "
                + "WHERE task_id = ? ORDER BY attempt", task.get("id"));
        assertEquals(3, attempts.size(), attempts.toString());
        assertEquals(null, attempts.get(0).get("retry_reason"), "a first attempt has no retry reason");
        assertEquals("verification_failed", attempts.get(0).get("outcome"));
        assertEquals("VERIFICATION_FAILED", attempts.get(1).get("retry_reason"));
        assertEquals("copy_failed", attempts.get(1).get("outcome"));
        assertEquals("VERIFICATION_FAILED", attempts.get(2).get("retry_reason"));

        assertEquals("VERIFICATION_FAILED", imageView(recopied, "planned").get("retryReason"));
    }

    /** The image as {@code /images?state=} shows it, looked for page by page. */
    private Map<String, Object> imageView(String imageId, String state) {
        for (int page = 0; ; page++) {
            JsonPath images = given().queryParam("state", state).queryParam("page", page).queryParam("size", 500)
                    .get("/migrations/" + migration() + "/images").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = images.getList("items");
            assertFalse(items.isEmpty(), imageId + " is not " + state);
            for (Map<String, Object> item : items) {
                if (imageId.equals(item.get("imageId"))) {
                    return item;
                }
            }
        }
    }

    @Test
    void aMalformedResultGoesToTheDeadLetterTopicAndTheNextEventIsStillApplied() {
        String marker = "not-an-event-" + UUID.randomUUID();
        new Topic(Topics.COPY_RESULTS).send(poisoned, ("{\"type\":\"copied\",\"" + marker + "\":").getBytes(
                StandardCharsets.UTF_8));
        Copied after = new Reports(migration(), poisoned).copied(1, "copier-a", IMAGE_BYTES);
        Reports.send(after);

        assertEquals("copied", taskOnceProcessed(poisoned, after.eventId()).get("state"));
        List<ConsumerRecord<String, byte[]>> dead = new Topic(Topics.DEAD_LETTER).read(marker, Duration.ofSeconds(30),
                seen -> !seen.isEmpty());
        assertFalse(dead.isEmpty(), "the poison pill is on the dead-letter topic");
        ConsumerRecord<String, byte[]> record = dead.get(0);
        assertEquals(Topics.COPY_RESULTS, header(record, "dead-letter-topic"));
        assertTrue(header(record, "dead-letter-reason").contains("not a valid"), header(record, "dead-letter-reason"));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static boolean isAttempt(ConsumerRecord<String, byte[]> record, String imageId, int attempt) {
        String json = new String(record.value(), StandardCharsets.UTF_8);
        return imageId.equals(record.key()) && json.contains("\"attempt\":" + attempt + ",");
    }
}
