package dev.glancemigrator.cutover;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.cutover.support.GlanceOnOld;
import dev.glancemigrator.cutover.support.MigrationEvents;
import dev.glancemigrator.cutover.support.MigrationFixture;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.RbdCli;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real cutover of a small migration: rows rewritten to the new cluster, Glance switched and
 * restarted, every image downloading with its bytes (one of them exists only on new); then the
 * rollback, and the same downloads from old again.
 * Glance is shared: it is always left on {@code old}.
 */
@QuarkusTest
@Tag("stack")
class CutoverRoundTripTest {

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + LocalStack.current().cutoverToken());
    }

    @Test
    void cutsOverToNewAndRollsBackToOld() {
        try (MigrationFixture fixture = new MigrationFixture()) {
            String confBefore = fixture.glanceConfText();
            try {
                for (int i = 0; i < 3; i++) {
                    String id = fixture.upload("round-trip-" + i, 3001 + i * 1_000_003);
                    fixture.copyToNew(id);
                    fixture.inLedger(id, "verified");
                }
                // One image exists only on new once copied: its download after the cutover proves Glance reads new.
                String onlyOnNew = fixture.upload("round-trip-only-on-new", 12_345);
                fixture.copyToNew(onlyOnNew);
                fixture.inLedger(onlyOnNew, "verified");
                RbdCli old = RbdCli.admin(fixture.stack, LocalStack.Cluster.OLD);
                old.check("snap", "unprotect", fixture.stack.pool() + "/" + onlyOnNew + "@snap");
                old.check("snap", "purge", fixture.stack.pool() + "/" + onlyOnNew);
                old.check("rm", fixture.stack.pool() + "/" + onlyOnNew);
                Map<String, List<String>> rowsBefore = fixture.locations();
                String newFsid = fixture.stack.fsid(LocalStack.Cluster.NEW);

                api().post("/migrations/" + fixture.migrationId + "/cutover").then().statusCode(200)
                        .body("state", equalTo("completed")).body("attempt", equalTo(1))
                        .body("operator", equalTo("operator")).body("locationRows", equalTo(4));

                for (String id : fixture.images.keySet()) {
                    List<String> rows = fixture.locations().get(id);
                    assertEquals(1, rows.size());
                    assertTrue(rows.get(0).contains(" " + fixture.locationOn(newFsid, id) + " {\"store\": \"ceph\"}"), rows.get(0));
                }
                String switched = fixture.glanceConfText();
                assertTrue(switched.contains("rbd_store_ceph_conf = " + fixture.glanceConf().getParent().resolve("ceph/new/ceph.conf")),
                        switched);
                fixture.images.forEach((id, data) -> assertArrayEquals(data, fixture.glance.download(id), "download of " + id + " from new"));
                api().get("/migrations/" + fixture.migrationId + "/cutover").then().statusCode(200)
                        .body("state", equalTo("completed")).body("journal", hasSize(4))
                        .body("runs[0].rowsChanged", equalTo(4))
                        .body("runs[0].operator", equalTo("operator"))
                        .body("runs[0].startedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"))
                        .body("journal[0].newValue", containsString(newFsid));
                api().post("/migrations/" + fixture.migrationId + "/cutover").then().statusCode(409)
                        .body("detail", containsString("already cut over"));

                api().post("/migrations/" + fixture.migrationId + "/rollback").then().statusCode(200)
                        .body("state", equalTo("rolled_back")).body("locationRows", equalTo(4));

                assertEquals(rowsBefore, fixture.locations(), "every row holds its old value again");
                assertEquals(confBefore, fixture.glanceConfText(), "glance-api.conf is the backup again");
                fixture.images.forEach((id, data) -> {
                    if (!id.equals(onlyOnNew)) {
                        assertArrayEquals(data, fixture.glance.download(id), "download of " + id + " from old");
                    }
                });
                assertThrows(IllegalStateException.class, () -> fixture.glance.download(onlyOnNew),
                        "back on old, the image that is only on new is out of Glance's reach");
                api().get("/migrations/" + fixture.migrationId + "/cutover").then().statusCode(200)
                        .body("state", equalTo("rolled_back"));

                List<String> events = MigrationEvents.of(fixture.migrationId, Duration.ofSeconds(30),
                        seen -> seen.stream().anyMatch(e -> e.contains("\"cutover-rolled-back\"")));
                assertEquals(List.of("cutover-started", "cutover-completed", "cutover-rolled-back"),
                        events.stream().map(e -> e.replaceAll(".*\"type\"\\s*:\\s*\"([a-z-]+)\".*", "$1")).toList(), events.toString());
                assertTrue(events.get(1).contains("\"locationRowsChanged\":4"), events.get(1));
                assertTrue(events.get(2).contains("\"locationRowsRestored\":4"), events.get(2));
            } finally {
                GlanceOnOld.ensure(fixture, confBefore);
            }
        }
    }
}
