package dev.glancemigrator.planner.reconcile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.events.Verified;
import dev.glancemigrator.planner.ledger.CopyResultsConsumer;
import dev.glancemigrator.planner.ledger.VerifyResultsConsumer;
import dev.glancemigrator.planner.support.Api;
import dev.glancemigrator.planner.support.Reports;
import dev.glancemigrator.planner.support.Topic;
import dev.glancemigrator.stack.GlanceApi;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A {@code copied} and a {@code verified} that are on the kept topics but that the ledger and the audit
 * trail lost are repaired by {@code POST /migrations/{id}/reconcile}: the image is verified again, its
 * history complete, the summary counts them, and a second reconcile changes nothing.
 *
 * <p>How they are lost: as events were lost before, when the ledger's database refused them until the
 * consumers gave up and dead-lettered them. While the test publishes them, triggers make the database
 * refuse any change to the test image's ledger row and any audit entry about it; each planner
 * consuming the topics (this one, and any other on the stack) tries them {@code planner.consumers.tries}
 * times, sends them to the dead-letter topic and commits past them. The triggers are then dropped: the
 * database is healthy, the events are on their topics and on the dead-letter topic, and in neither
 * ledger nor audit. Deleting rows instead would not do: the audit trail refuses deletes, and rightly.
 * (The triggers name this test's migration only: one left behind by a killed test refuses nothing else.)
 *
 * <p>The stack is shared, and may run a copier and a verifier. The test plays copier and verifier for its
 * image, so it keeps real ones off its migration: its planner signs events with a host name of its own,
 * and while it plans, a trigger marks that planner's copy tasks sent as the outbox takes them, so none
 * reaches Kafka (other planners' are untouched). A running verifier still answers the test's
 * {@code copied} (there is no copy to verify: a {@code verification-failed}); the test publishes its
 * {@code verified} first, so such an answer comes after it in the log, waits for it while the triggers
 * hold, and counts it: the reconcile finds it stale.
 */
@QuarkusTest
@TestProfile(ReconcileRepairsLostEventsTest.Isolated.class)
@Tag("stack")
class ReconcileRepairsLostEventsTest {

    /** Stuck after 2 s, so the image that lost its events shows as stuck; a host name to tell our tasks by. */
    public static class Isolated implements QuarkusTestProfile {
        static final String HOST = "reconcile-test-" + UUID.randomUUID().toString().substring(0, 8);

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("planner.host", HOST, "planner.status.stuck-after", "PT2S",
                    "planner.status.stuck-listed", "500");
        }
    }

    private static final int IMAGE_BYTES = 4096;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([0-9a-f-]{36})\"");

    private final LocalStack stack = LocalStack.current();
    private final GlanceApi glance = new GlanceApi(stack);
    private final Sql ledger = Sql.ledger(stack);

    @Test
    void eventsTheLedgerAndTheAuditLostAreMergedBackFromTheTopics() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String image = glance.createWithData("reconcile-" + tag, new byte[IMAGE_BYTES]);
        try {
            String migration = planWithoutPublishingTasks(tag);
            // The plan's migration-planned audited: what the reconcile finds missing is what is lost below.
            await().atMost(TIMEOUT).until(() -> audited(migration) == 1);

            Reports reports = new Reports(migration, image);
            Copied copied = reports.copied(1, "copier-a", IMAGE_BYTES);
            Verified verified = reports.verified(1, "verifier-b", IMAGE_BYTES);
            Set<String> answers = lose(tag, migration, image, verified, copied);

            assertEquals("planned", state(migration, image));
            assertEquals(0, ledger.count("SELECT COUNT(*) FROM processed_event WHERE event_id IN (?, ?)",
                    copied.eventId().toString(), verified.eventId().toString()));
            assertEquals(1, audited(migration), "nothing about the image in the audit trail");
            JsonPath stuck = given().get("/migrations/" + migration).then().statusCode(200).extract().jsonPath();
            String ours = "stuck.find { it.imageId == '" + image + "' }";
            assertEquals("planned", stuck.getString(ours + ".state"), stuck.prettify());
            assertEquals("a copier to take its copy task", stuck.getString(ours + ".waitingFor"));

            given().post("/migrations/" + migration + "/reconcile").then().statusCode(401);
            JsonPath summary = reconcile(migration);

            assertTrue(summary.getBoolean("complete"), summary.prettify());
            assertEquals(3 + answers.size(), summary.getLong("eventsRead"),
                    "migration-planned, copied, verified and a verifier's answers: " + summary.prettify());
            assertEquals(2, summary.getLong("eventsApplied"), summary.prettify());
            assertEquals(answers.size(), summary.getLong("eventsStale"), "a verifier's answers come after verified");
            assertEquals(0, summary.getLong("eventsForUnknownImages"));
            assertEquals(2 + answers.size(), summary.getLong("auditEntriesAdded"), summary.prettify());
            assertEquals(1, summary.getInt("imagesChanged"));
            assertEquals(List.of(Map.of("imageId", image, "from", "planned", "to", "verified")),
                    summary.getList("changes"));

            Map<String, Object> task = ledger.rows("SELECT * FROM image_task WHERE migration_id = ? AND image_id = ?",
                    migration, image).get(0);
            assertEquals("verified", task.get("state"));
            assertEquals("copier-a", task.get("copy_host"), "the copied was applied before the verified, "
                    + "though published after it");
            assertEquals("verifier-b", task.get("verify_host"));
            assertEquals(1, ledger.count("SELECT COUNT(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                    CopyResultsConsumer.CONSUMER, copied.eventId().toString()));
            assertEquals(1, ledger.count("SELECT COUNT(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                    VerifyResultsConsumer.CONSUMER, verified.eventId().toString()));
            JsonPath history = given().get("/migrations/" + migration + "/images/" + image + "/events").then()
                    .statusCode(200).extract().jsonPath();
            Set<String> onTopics = new HashSet<>(answers);
            onTopics.addAll(Set.of(copied.eventId().toString(), verified.eventId().toString()));
            assertEquals(onTopics, new HashSet<>(history.getList("items.eventId", String.class)), "the whole history");
            assertEquals(List.of("copied", "verified"), history.getList("items.type").subList(0, 2));
            assertEquals(Topics.COPY_RESULTS, history.getString("items.find { it.type == 'copied' }.topic"));
            assertEquals(Topics.VERIFY_RESULTS, history.getString("items.find { it.type == 'verified' }.topic"));
            JsonPath after = given().get("/migrations/" + migration).then().statusCode(200).extract().jsonPath();
            assertFalse(after.getList("stuck.imageId").contains(image), after.prettify());

            JsonPath again = reconcile(migration);
            assertEquals(3 + answers.size(), again.getLong("eventsRead"));
            assertEquals(0, again.getLong("eventsApplied") + again.getLong("eventsStale")
                    + again.getLong("auditEntriesAdded") + again.getInt("imagesChanged"), again.prettify());
            assertEquals("verified", state(migration, image));
            assertEquals(3 + answers.size(), audited(migration));
        } finally {
            glance.delete(image);
        }
    }

    /** Plans old → new; this planner's copy tasks are marked sent as they are written, never published. */
    private String planWithoutPublishingTasks(String tag) {
        String trigger = "reconcile_test_" + tag + "_outbox";
        ledger.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON outbox FOR EACH ROW "
                + "IF NEW.event_type = 'copy-task' AND NEW.payload LIKE '%\"host\":\"" + Isolated.HOST + "\"%' "
                + "THEN SET NEW.sent_at = NEW.created_at; END IF");
        try {
            return Api.authorized().contentType(ContentType.JSON)
                    .body("{\"source\": {\"cluster\": \"old\", \"pool\": \"images\"},"
                            + " \"target\": {\"cluster\": \"new\", \"pool\": \"images\"}}")
                    .post("/migrations").then().statusCode(201).extract().jsonPath().getString("migrationId");
        } finally {
            ledger.execute("DROP TRIGGER IF EXISTS " + trigger);
        }
    }

    /**
     * Publishes both events (the verified first) while the ledger's database refuses everything about the
     * image, and returns once every planner consuming them has given up on them: they, and a running
     * verifier's answer to the copied, are on the dead-letter topic from the ledger's consumer and the
     * audit's. Returns the ids of the verifier's answers.
     */
    private Set<String> lose(String tag, String migration, String image, Verified verified, Copied copied)
            throws Exception {
        String about = "NEW.migration_id = '" + migration + "' AND NEW.image_id = '" + image + "'";
        String refuse = " THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by ReconcileRepairsLostEventsTest'; "
                + "END IF";
        String ledgerTrigger = "reconcile_test_" + tag + "_ledger";
        String auditTrigger = "reconcile_test_" + tag + "_audit";
        ledger.execute("CREATE TRIGGER " + ledgerTrigger + " BEFORE UPDATE ON image_task FOR EACH ROW IF " + about
                + refuse);
        try {
            ledger.execute("CREATE TRIGGER " + auditTrigger + " BEFORE INSERT ON audit_event FOR EACH ROW IF " + about
                    + refuse);
            try {
                boolean verifierRuns = verifierRuns();
                Reports.send(verified);
                Reports.send(copied);
                Set<String> ours = Set.of(verified.eventId().toString(), copied.eventId().toString());
                Set<String> answers = new HashSet<>();
                await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    answers.clear();
                    for (ConsumerRecord<String, byte[]> r : new Topic(Topics.VERIFY_RESULTS).readAll(migration)) {
                        eventId(r).filter(id -> !ours.contains(id)).ifPresent(answers::add);
                    }
                    if (verifierRuns && answers.isEmpty()) {
                        return false;
                    }
                    Set<String> all = new HashSet<>(ours);
                    all.addAll(answers);
                    List<ConsumerRecord<String, byte[]>> dead = new Topic(Topics.DEAD_LETTER).readAll(migration);
                    return all.stream().allMatch(id -> dead.stream().filter(r -> eventId(r).orElse("").equals(id))
                            .count() >= 2);
                });
                return Set.copyOf(answers);
            } finally {
                ledger.execute("DROP TRIGGER IF EXISTS " + auditTrigger);
            }
        } finally {
            ledger.execute("DROP TRIGGER IF EXISTS " + ledgerTrigger);
        }
    }

    /**
     * Whether a verifier is in its consumer group: one whose clusters do not answer does not join. On a
     * broker that never saw a verifier (a fresh stack) the group does not exist yet.
     */
    private boolean verifierRuns() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            return !admin.describeConsumerGroups(List.of("verifier")).all().get().get("verifier").members().isEmpty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;
            }
            throw e;
        }
    }

    private static Optional<String> eventId(ConsumerRecord<String, byte[]> record) {
        Matcher m = EVENT_ID.matcher(new String(record.value(), StandardCharsets.UTF_8));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private long audited(String migration) {
        return ledger.count("SELECT COUNT(*) FROM audit_event WHERE migration_id = ?", migration);
    }

    private static JsonPath reconcile(String migration) {
        return Api.authorized().post("/migrations/" + migration + "/reconcile").then().statusCode(200).extract()
                .jsonPath();
    }

    private String state(String migration, String image) {
        return (String) ledger.rows("SELECT state FROM image_task WHERE migration_id = ? AND image_id = ?",
                migration, image).get(0).get("state");
    }
}
