package dev.glancemigrator.planner.plan;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.MigrationPlanned;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.planner.support.Api;
import dev.glancemigrator.planner.support.Topic;
import dev.glancemigrator.stack.GlanceApi;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The first plan against the real Glance database: what it counts in and out of scope equals what an
 * independent SQL query counts, every planned image's task reaches the copy-tasks topic, largest first.
 */
@QuarkusTest
@Tag("stack")
class PlanMatchesGlanceInventoryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final int CONSISTENT_WINDOW_TRIES = 3;
    private static final EventCodec CODEC = new EventCodec();
    private static final int IMAGE_BYTES = 3001;

    private final LocalStack stack = LocalStack.current();
    private final Sql glance = Sql.glance();
    private final Sql ledger = Sql.ledger();
    private final GlanceApi glanceApi = new GlanceApi(stack);

    /** An in-scope image with a non-ASCII name, so every test here has at least one task to look at. */
    private static String ownImage;

    @BeforeAll
    static void uploadOneImage() {
        ownImage = new GlanceApi(LocalStack.current()).createWithData(
                "plan-disque-système-ü-" + UUID.randomUUID().toString().substring(0, 8), new byte[IMAGE_BYTES]);
    }

    @AfterAll
    static void deleteIt() {
        if (ownImage != null) {
            new GlanceApi(LocalStack.current()).delete(ownImage);
        }
    }

    /** Written here, apart from the planner's code: images with data and a live location row on old/images. */
    private Map<String, Long> inScopeBySql() {
        Map<String, Long> sizes = new HashMap<>();
        glance.rows("""
                SELECT i.id, i.size FROM images i
                WHERE i.deleted = 0 AND i.status IN ('active', 'deactivated')
                  AND EXISTS (SELECT 1 FROM image_locations l
                              WHERE l.image_id = i.id AND l.deleted = 0 AND l.status <> 'pending_delete'
                                AND l.value LIKE ?)""", "rbd://" + stack.fsid(LocalStack.Cluster.OLD) + "/images/%/%")
                .forEach(row -> sizes.put((String) row.get("id"), ((Number) row.get("size")).longValue()));
        return sizes;
    }

    private long allImagesBySql() {
        return glance.count("SELECT COUNT(*) FROM images");
    }

    @Test
    void plannedAndOutOfScopeCountsEqualAnIndependentSqlCount() {
        for (int tries = 1; ; tries++) {
            Map<String, Long> before = inScopeBySql();
            long allBefore = allImagesBySql();
            String migrationId = Api.planOldToNew();
            Map<String, Long> after = inScopeBySql();
            long allAfter = allImagesBySql();
            if (!before.equals(after) || allBefore != allAfter) {
                // Another test uploaded or deleted meanwhile: the window was not consistent, plan again.
                if (tries < CONSISTENT_WINDOW_TRIES) {
                    continue;
                }
                throw new AssertionError("Glance kept changing during " + tries + " plans");
            }
            JsonPath status = given().get("/migrations/" + migrationId).then().statusCode(200).extract().jsonPath();
            // A copier running meanwhile may have moved some on already: count every state of the working path.
            long inPlan = status.getLong("counts.planned") + status.getLong("counts.copying")
                    + status.getLong("counts.copied") + status.getLong("counts.verifying")
                    + status.getLong("counts.verified") + status.getLong("counts.failed");
            assertEquals(after.size(), inPlan, "planned images");
            assertEquals(allAfter - after.size(), status.getLong("counts.out_of_scope"), "out-of-scope images");
            assertEquals(after.values().stream().mapToLong(Long::longValue).sum(), status.getLong("bytes.total"));
            assertEquals(after.keySet(), Set.copyOf(ledger.strings(
                    "SELECT image_id FROM image_task WHERE migration_id = ? AND attempt >= 1", migrationId)));
            return;
        }
    }

    @Test
    void imagesWithoutDataAreOutOfScopeWithAReasonAndDeactivatedOnesAreIn() {
        // Made here rather than taken from the seed: the stack may have been reset by another suite.
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String queued = glanceApi.create("scope-queued-" + tag);
        String deleted = glanceApi.createWithData("scope-deleted-" + tag, new byte[IMAGE_BYTES]);
        glanceApi.delete(deleted);
        String deactivated = glanceApi.createWithData("scope-deactivated-" + tag, new byte[IMAGE_BYTES]);
        glanceApi.deactivate(deactivated);
        try {
            String migrationId = Api.planOldToNew();
            assertTrue(stateAndReason(migrationId, queued).startsWith("out_of_scope: image status queued"));
            assertTrue(stateAndReason(migrationId, deleted).startsWith("out_of_scope: image deleted in Glance"));
            assertEquals("planned: null", stateAndReason(migrationId, deactivated));
            assertEquals(0, ledger.count("SELECT COUNT(*) FROM image_task WHERE migration_id = ? "
                    + "AND state = 'out_of_scope' AND reason IS NULL", migrationId), "every one has a reason");
        } finally {
            glanceApi.delete(queued);
            glanceApi.delete(deactivated);
        }
    }

    private String stateAndReason(String migrationId, String imageId) {
        Map<String, Object> row = ledger.rows("SELECT state, reason FROM image_task WHERE migration_id = ? "
                + "AND image_id = ?", migrationId, imageId).get(0);
        return row.get("state") + ": " + row.get("reason");
    }

    @Test
    void namesAreKeptExactlyIncludingNonAscii() {
        String migrationId = Api.planOldToNew();
        Map<String, String> namesInGlance = new HashMap<>();
        glance.rows("SELECT id, name FROM images WHERE name IS NOT NULL")
                .forEach(row -> namesInGlance.put((String) row.get("id"), (String) row.get("name")));
        List<Map<String, Object>> planned = ledger.rows(
                "SELECT image_id, image_name FROM image_task WHERE migration_id = ?", migrationId);
        assertTrue(planned.stream().anyMatch(row -> ownImage.equals(row.get("image_id"))
                && String.valueOf(row.get("image_name")).startsWith("plan-disque-système-ü-")), "a non-ASCII name");
        planned.forEach(row -> assertEquals(namesInGlance.get(row.get("image_id")), row.get("image_name")));
    }

    @Test
    void everyPlannedTaskIsPublishedLargestFirstWithSourceAndTarget() {
        String migrationId = Api.planOldToNew();
        List<Map<String, Object>> planned = ledger.rows("""
                SELECT image_id, size_bytes, source_image FROM image_task
                WHERE migration_id = ? AND attempt >= 1""", migrationId);

        // The outbox is relayed in id order; the plan wrote it largest first.
        List<Long> sizesInPublishOrder = ledger.rows("""
                SELECT t.size_bytes FROM outbox o
                JOIN image_task t ON t.migration_id = o.migration_id AND t.image_id = o.record_key
                WHERE o.migration_id = ? AND o.event_type = 'copy-task' ORDER BY o.id""", migrationId)
                .stream().map(row -> ((Number) row.get("size_bytes")).longValue()).toList();
        for (int i = 1; i < sizesInPublishOrder.size(); i++) {
            assertTrue(sizesInPublishOrder.get(i - 1) >= sizesInPublishOrder.get(i), sizesInPublishOrder.toString());
        }

        List<ConsumerRecord<String, byte[]>> records = new Topic(Topics.COPY_TASKS).read(migrationId,
                Duration.ofSeconds(30), seen -> seen.size() >= planned.size());
        Map<String, CopyTask> published = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            CopyTask task = CODEC.decode(record.value(), CopyTask.class);
            assertEquals(task.imageId(), record.key(), "keyed by image id");
            published.put(task.imageId(), task);
        }
        assertEquals(planned.stream().map(row -> (String) row.get("image_id")).collect(Collectors.toSet()),
                published.keySet());
        for (Map<String, Object> row : planned) {
            CopyTask task = published.get((String) row.get("image_id"));
            assertEquals(1, task.attempt());
            assertEquals(((Number) row.get("size_bytes")).longValue(), task.sizeBytes());
            assertEquals("old", task.source().cluster());
            assertEquals(stack.fsid(LocalStack.Cluster.OLD), task.source().fsid());
            assertEquals("images", task.source().pool());
            assertEquals(row.get("source_image"), task.source().image());
            assertEquals("snap", task.source().snapshot());
            assertEquals("new", task.target().cluster());
            assertNull(task.target().fsid());
            assertEquals(task.imageId(), task.target().image());
            assertNull(task.target().snapshot());
        }
        await("the outbox is empty").atMost(TIMEOUT).until(() -> ledger.count(
                "SELECT COUNT(*) FROM outbox WHERE migration_id = ? AND sent_at IS NULL", migrationId) == 0);
    }

    @Test
    void aSourceNamedByItsFsidIsTheConfiguredCluster() {
        String migrationId = Api.authorized().contentType(io.restassured.http.ContentType.JSON)
                .body("{\"source\": {\"fsid\": \"" + stack.fsid(LocalStack.Cluster.OLD).toUpperCase()
                        + "\", \"pool\": \"images\"}, \"target\": {\"cluster\": \"new\", \"pool\": \"images\"}}")
                .post("/migrations").then().statusCode(201).extract().jsonPath().getString("migrationId");
        JsonPath status = given().get("/migrations/" + migrationId).then().statusCode(200).extract().jsonPath();
        assertEquals("old", status.getString("source.cluster"));
        assertEquals(stack.fsid(LocalStack.Cluster.OLD), status.getString("source.fsid"));
        assertEquals(stack.fsid(LocalStack.Cluster.NEW), status.getString("target.fsid"));
        JsonPath newest = given().get("/migrations?size=1").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(migrationId), newest.getList("items.id"), "the newest migration, first: " + newest.prettify());
        assertTrue(newest.getLong("total") >= 1, newest.prettify());
    }

    @Test
    void thePlanIsAnnouncedAndAuditedWithItsKafkaPosition() {
        String migrationId = Api.planOldToNew();
        List<ConsumerRecord<String, byte[]>> announced = new Topic(Topics.MIGRATION_EVENTS).read(migrationId,
                Duration.ofSeconds(30), seen -> !seen.isEmpty());
        MigrationPlanned planned = CODEC.decode(announced.get(0).value(), MigrationPlanned.class);
        assertEquals(1, planned.attempt());
        assertEquals(ledger.count("SELECT COUNT(*) FROM image_task WHERE migration_id = ? AND attempt >= 1",
                migrationId), planned.tasksPublished());

        JsonPath events = await("the plan's events in the audit trail").atMost(TIMEOUT).until(
                () -> given().get("/migrations/" + migrationId + "/events?size=500").then().statusCode(200)
                        .extract().jsonPath(),
                page -> page.getList("items.type").contains("migration-planned")
                        && page.getLong("total") == planned.tasksPublished() + 1);
        Set<String> types = new HashSet<>(events.getList("items.type"));
        assertEquals(Set.of("copy-task", "migration-planned"), types);
        assertNotNull(events.getString("items[0].topic"));
        assertNotNull(events.get("items[0].partition"));
        assertNotNull(events.get("items[0].offset"));
        assertEquals(migrationId, events.getString("items[0].event.migrationId"));
    }
}
