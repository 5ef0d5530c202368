package dev.glancemigrator.planner.plan;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.events.Topics;
import dev.glancemigrator.planner.support.Api;
import dev.glancemigrator.planner.support.Reports;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A re-plan after an upload and deletes through Glance's API changes exactly those images: the new one
 * gets a task, the deleted ones are skipped (a verified one too, listed for cleanup in the manifest),
 * everything else — verified images included — stays as it was.
 */
@QuarkusTest
@Tag("stack")
class ReplanTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final int IMAGE_BYTES = 3001;
    private static final String IN_PLAN = "in plan";

    private final LocalStack stack = LocalStack.current();
    private final GlanceApi glance = new GlanceApi(stack);
    private final Sql glanceDb = Sql.glance();
    private final Sql ledger = Sql.ledger();
    private final List<String> uploaded = new java.util.ArrayList<>();

    @AfterEach
    void deleteWhatWasUploaded() {
        uploaded.forEach(glance::delete);
    }

    private String upload(String name) {
        String id = glance.createWithData(name, new byte[IMAGE_BYTES]);
        uploaded.add(id);
        return id;
    }

    /** Reports a copy and a verification of the first attempt, as a copier and a verifier would. */
    private void verify(String migrationId, String imageId) {
        Reports reports = new Reports(migrationId, imageId);
        Reports.send(reports.copied(1, "copier-r", IMAGE_BYTES));
        Reports.send(reports.verified(1, "verifier-r", IMAGE_BYTES));
        await(imageId + " verified").atMost(TIMEOUT).until(() -> "verified".equals(states(migrationId).get(imageId)));
    }

    /**
     * Each task's standing: out_of_scope, skipped, verified, or in the plan (any other state — a copier
     * running meanwhile may move planned tasks on, which is no change of the plan).
     */
    private Map<String, String> states(String migrationId) {
        Map<String, String> states = new HashMap<>();
        ledger.rows("SELECT image_id, state FROM image_task WHERE migration_id = ?", migrationId)
                .forEach(row -> states.put((String) row.get("image_id"), standing((String) row.get("state"))));
        return states;
    }

    private static String standing(String state) {
        return List.of("out_of_scope", "skipped", "verified").contains(state) ? state : IN_PLAN;
    }

    private Set<String> inScopeInGlance() {
        return Set.copyOf(glanceDb.strings("""
                SELECT i.id FROM images i
                WHERE i.deleted = 0 AND i.status IN ('active', 'deactivated')
                  AND EXISTS (SELECT 1 FROM image_locations l
                              WHERE l.image_id = i.id AND l.deleted = 0 AND l.status <> 'pending_delete'
                                AND l.value LIKE ?)""", "rbd://" + stack.fsid(LocalStack.Cluster.OLD) + "/images/%/%"));
    }

    @Test
    void replanAfterAnUploadAndADeleteChangesExactlyThoseImages() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String kept = upload("replan-kept-ü-" + tag);
        String deleted = upload("replan-deleted-" + tag);
        String verifiedThenDeleted = upload("replan-verified-then-deleted-" + tag);
        String migrationId = Api.planOldToNew();
        Map<String, String> planned = states(migrationId);
        assertEquals(IN_PLAN, planned.get(kept));
        assertEquals(IN_PLAN, planned.get(deleted));

        verify(migrationId, kept);
        verify(migrationId, verifiedThenDeleted);
        Map<String, String> before = states(migrationId);

        String added = upload("replan-added-" + tag);
        glance.delete(deleted);
        glance.delete(verifiedThenDeleted);
        uploaded.remove(verifiedThenDeleted);
        uploaded.remove(deleted);
        JsonPath run = Api.authorized().post("/migrations/" + migrationId + "/replan").then().statusCode(200)
                .extract().jsonPath();
        Set<String> inScopeNow = inScopeInGlance();
        Map<String, String> after = states(migrationId);

        // What changed, by the ledger; what should have, by Glance's database read independently.
        Set<String> newlyPlanned = new HashSet<>(after.keySet());
        newlyPlanned.removeAll(before.keySet());
        newlyPlanned.retainAll(inScopeNow);
        Set<String> skipped = new HashSet<>();
        Set<String> otherwiseChanged = new HashSet<>();
        before.forEach((id, state) -> {
            if (!state.equals(after.get(id))) {
                ("skipped".equals(after.get(id)) ? skipped : otherwiseChanged).add(id);
            }
        });
        Set<String> expectedSkipped = new HashSet<>();
        before.forEach((id, state) -> {
            if (!state.equals("out_of_scope") && !state.equals("skipped") && !inScopeNow.contains(id)) {
                expectedSkipped.add(id);
            }
        });
        assertTrue(newlyPlanned.contains(added), "the upload is planned");
        assertTrue(skipped.contains(deleted), "the delete is skipped");
        assertEquals(expectedSkipped, skipped, "only images gone from Glance are skipped");
        assertEquals(Set.of(), otherwiseChanged, "nothing else changed");
        assertEquals("verified", after.get(kept), "verified images stay verified");
        assertTrue(skipped.contains(verifiedThenDeleted), "a verified image deleted since is skipped");
        String manifest = io.restassured.RestAssured.given().get("/migrations/" + migrationId + "/manifest.yaml")
                .then().statusCode(200).extract().asString();
        assertTrue(manifest.contains("  - id: \"" + verifiedThenDeleted + "\"\n"), manifest);
        assertTrue(manifest.contains("\"" + verifiedThenDeleted + "\"\n    name: \"replan-verified-then-deleted-" + tag
                + "\"\n    size_bytes: \"" + IMAGE_BYTES + "\"\n"), manifest);
        assertTrue(manifest.matches("(?s).*" + verifiedThenDeleted + ".*?original_deleted: true.*"), "listed for cleanup");
        // Other tests may upload concurrently; without them the delta is exactly one of each.
        Set<String> expectedNew = new HashSet<>(inScopeNow);
        expectedNew.removeAll(before.keySet());
        assertEquals(expectedNew, newlyPlanned);
        assertEquals(newlyPlanned.size(), run.getInt("tasksPublished"));
        assertEquals(skipped.size(), run.getInt("imagesSkipped"));
        assertEquals(2, run.getInt("run"));

        Map<String, Object> addedTask = ledger.rows(
                "SELECT attempt, planned_in_run, size_bytes FROM image_task WHERE migration_id = ? AND image_id = ?",
                migrationId, added).get(0);
        assertEquals(1, ((Number) addedTask.get("attempt")).intValue());
        assertEquals(2, ((Number) addedTask.get("planned_in_run")).intValue());
        assertEquals((long) IMAGE_BYTES, ((Number) addedTask.get("size_bytes")).longValue());
        String skippedReason = (String) ledger.rows("SELECT reason FROM image_task WHERE migration_id = ? AND image_id = ?",
                migrationId, deleted).get(0).get("reason");
        assertTrue(skippedReason.contains("deleted"), skippedReason);
        assertTrue(new Topic(Topics.COPY_TASKS).read(added, Duration.ofSeconds(30), seen -> !seen.isEmpty()).stream()
                .anyMatch(r -> added.equals(r.key())), "the new image's task is published");
    }

    @Test
    void aSecondReplanWithNothingNewChangesNothing() {
        String migrationId = Api.planOldToNew();
        Set<String> inScope = inScopeInGlance();
        JsonPath run = Api.authorized().post("/migrations/" + migrationId + "/replan").then().statusCode(200)
                .extract().jsonPath();
        if (inScope.equals(inScopeInGlance())) {
            assertEquals(0, run.getInt("tasksPublished"));
            assertEquals(0, run.getInt("imagesSkipped"));
        }
    }
}
