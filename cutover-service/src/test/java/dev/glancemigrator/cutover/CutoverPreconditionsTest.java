package dev.glancemigrator.cutover;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.api.Problem;
import dev.glancemigrator.cutover.support.MigrationEvents;
import dev.glancemigrator.cutover.support.MigrationFixture;
import dev.glancemigrator.stack.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Dry runs and refusals on the real stack: each leaves Glance's rows and config exactly as they were. */
@QuarkusTest
@Tag("stack")
class CutoverPreconditionsTest {

    private static final String TOKEN = LocalStack.current().cutoverToken();

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    @Test
    void aDryRunReturnsTheExactPlanAndChangesNothing() throws Exception {
        try (MigrationFixture fixture = new MigrationFixture()) {
            String a = fixture.upload("dry-a", 3001);
            String b = fixture.upload("dry-b", 70_000);
            for (String id : List.of(a, b)) {
                fixture.copyToNew(id);
                fixture.inLedger(id, "verified");
            }
            Map<String, List<String>> rowsBefore = fixture.locations();
            String confBefore = fixture.glanceConfText();
            Path written = fixture.glanceConf().getParent().resolve("ceph/new/ceph.conf");
            String writtenBefore = Files.exists(written) ? Files.readString(written) : null;
            String newFsid = fixture.stack.fsid(LocalStack.Cluster.NEW);

            api().post("/migrations/" + fixture.migrationId + "/cutover?dryRun=true").then().statusCode(200)
                    .body("dryRun", equalTo(true))
                    .body("ready", equalTo(true))
                    .body("blockers", hasSize(0))
                    .body("locationChanges", hasSize(2))
                    .body("locationChanges.oldValue", hasItem(fixture.locationOn(fixture.sourceFsid, a)))
                    .body("locationChanges.newValue", hasItem(fixture.locationOn(newFsid, a)))
                    .body("locationChanges.newValue", hasItem(fixture.locationOn(newFsid, b)))
                    .body("locationChanges.newMetaData", hasItem("{\"store\": \"ceph\"}"))
                    .body("config.kind", equalTo("file"))
                    .body("config.edits.key", hasItem("rbd_store_ceph_conf"))
                    .body("config.edits.find { it.key == 'rbd_store_ceph_conf' }.newValue", equalTo(written.toString()))
                    .body("config.files[0].content", containsString("fsid = " + newFsid))
                    .body("config.files[1].content", equalTo(null));

            assertEquals(rowsBefore, fixture.locations(), "no location row changed");
            assertEquals(confBefore, fixture.glanceConfText(), "glance-api.conf unchanged");
            assertEquals(writtenBefore, Files.exists(written) ? Files.readString(written) : null, "no ceph conf written");
            api().get("/migrations/" + fixture.migrationId + "/cutover").then().statusCode(200)
                    .body("state", equalTo("not_started"));
        }
    }

    @Test
    void refusedWhileAnImageIsUnverifiedAndNothingChanges() {
        try (MigrationFixture fixture = new MigrationFixture()) {
            String verified = fixture.upload("unverified-a", 5000);
            String copying = fixture.upload("unverified-b", 6000);
            fixture.copyToNew(verified);
            fixture.inLedger(verified, "verified");
            fixture.inLedger(copying, "copying");
            Map<String, List<String>> rowsBefore = fixture.locations();
            String confBefore = fixture.glanceConfText();

            api().post("/migrations/" + fixture.migrationId + "/cutover").then().statusCode(409)
                    .contentType(Problem.MEDIA_TYPE).body("status", equalTo(409))
                    .body("detail", containsString("preconditions"))
                    .body("blockers.findAll { it.code == 'IMAGE_NOT_VERIFIED' }.imageId", equalTo(List.of(copying)));

            assertEquals(rowsBefore, fixture.locations());
            assertEquals(confBefore, fixture.glanceConfText());
            api().get("/migrations/" + fixture.migrationId + "/cutover").then().statusCode(200)
                    .body("state", equalTo("failed")).body("journal", hasSize(0));
            List<String> events = MigrationEvents.of(fixture.migrationId, Duration.ofSeconds(20), seen -> !seen.isEmpty());
            assertTrue(events.stream().anyMatch(e -> e.contains("\"cutover-failed\"") && e.contains("PRECONDITION_FAILED")),
                    "cutover-failed published: " + events);
        }
    }

    @Test
    void refusedWhileAnUploadSinceThePlanIsUnmigratedAndNothingChanges() {
        try (MigrationFixture fixture = new MigrationFixture()) {
            String planned = fixture.upload("late-a", 4000);
            fixture.copyToNew(planned);
            fixture.inLedger(planned, "verified");
            String late = fixture.upload("late-b", 4500); // after the plan: not in the ledger
            Map<String, List<String>> rowsBefore = fixture.locations();
            String confBefore = fixture.glanceConfText();

            api().post("/migrations/" + fixture.migrationId + "/cutover").then().statusCode(409)
                    .body("blockers.code", equalTo(List.of("UNMIGRATED_LOCATION")))
                    .body("blockers.imageId", equalTo(List.of(late)));
            api().post("/migrations/" + fixture.migrationId + "/cutover?dryRun=true").then().statusCode(200)
                    .body("ready", equalTo(false)).body("blockers.imageId", equalTo(List.of(late)));

            assertEquals(rowsBefore, fixture.locations());
            assertEquals(confBefore, fixture.glanceConfText());
        }
    }

    @Test
    void refusedWhenTheDestinationSnapshotIsMissing() {
        try (MigrationFixture fixture = new MigrationFixture()) {
            String notCopied = fixture.upload("nosnap", 2000);
            fixture.inLedger(notCopied, "verified");
            api().post("/migrations/" + fixture.migrationId + "/cutover").then().statusCode(409)
                    .body("blockers.code", equalTo(List.of("SNAPSHOT_MISSING")));
            assertFalse(fixture.locations().get(notCopied).get(0).contains(fixture.stack.fsid(LocalStack.Cluster.NEW)));
        }
    }

    @Test
    void badInputIsA4xxWithAMessage() {
        api().post("/migrations/not-a-uuid/cutover").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("malformed"));
        api().get("/migrations/not-a-uuid/cutover").then().statusCode(400);
        api().post("/migrations/" + UUID.randomUUID() + "/cutover").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("no migration"));
        api().post("/migrations/" + UUID.randomUUID() + "/rollback").then().statusCode(404);
        api().post("/migrations/" + UUID.randomUUID() + "/cutover?dryRun=maybe").then().statusCode(400)
                .body("detail", containsString("dryRun"));
    }

    @Test
    void theApiNeedsTheStaticTokenOrAKeystoneOne() {
        String path = "/migrations/" + UUID.randomUUID() + "/cutover";
        // Both ways in are offered: the static token, and Keystone (on in these tests, as the stack's Glance needs it).
        List<String> challenges = given().post(path).then().statusCode(401).extract().headers().getValues("WWW-Authenticate");
        assertEquals("Bearer", challenges.get(0), challenges.toString());
        assertTrue(challenges.stream().anyMatch(c -> c.startsWith("Keystone uri=")), challenges.toString());
        given().get(path).then().statusCode(401);
        given().header("Authorization", "Bearer wrong").post(path).then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("not valid"));
        given().header("Authorization", "Bearer wrong").post(path.replace("cutover", "rollback")).then().statusCode(403);
    }

    @Test
    void rollbackWithoutACutoverIsRefused() {
        try (MigrationFixture fixture = new MigrationFixture()) {
            api().post("/migrations/" + fixture.migrationId + "/rollback").then().statusCode(409)
                    .body("detail", containsString("nothing to roll back")).body("blockers", hasSize(0));
        }
    }
}
