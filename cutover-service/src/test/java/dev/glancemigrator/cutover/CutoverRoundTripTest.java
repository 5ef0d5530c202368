package dev.glancemigrator.cutover;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.cutover.support.CleanupScenario;
import dev.glancemigrator.cutover.support.FleetRoundTrip;
import dev.glancemigrator.cutover.support.GlanceFleetNodes;
import dev.glancemigrator.cutover.support.MigrationEvents;
import dev.glancemigrator.cutover.support.MigrationFixture;
import dev.glancemigrator.stack.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real cutover of a small migration with the {@code file} switch over both Glance nodes: rows
 * rewritten to the new cluster, each node's config switched (its files owned by glance as the ones
 * beside them) and each node restarted and serving before the next; with the old cluster's OSD stopped
 * every image downloads through every node with its bytes. Then the rollback: every node's config back,
 * and with the new cluster's OSD stopped the same downloads through every node from old.
 * The dependents and the clean-up ride on the same round trip ({@link CleanupScenario}): clones of an image on
 * {@code old} are listed and warned about, the cutover completes all the same, the clean-up plan keeps their
 * parent, and the apply removes exactly the migrator's planted leftovers on {@code new}.
 * Glance is shared: it is always left on {@code old}.
 */
@QuarkusTest
@Tag("stack")
class CutoverRoundTripTest {

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + LocalStack.current().cutoverToken());
    }

    @Test
    void cutsEveryGlanceNodeOverToNewDespiteClonesCleansUpOnlyTheMigratorsLeftoversAndRollsEveryNodeBackToOld() {
        try (MigrationFixture fixture = new MigrationFixture(); CleanupScenario cleanup = new CleanupScenario(fixture)) {
            GlanceFleetNodes fleet = new GlanceFleetNodes(fixture.stack);
            Map<String, String> confsBefore = fleet.confTexts();
            try {
                FleetRoundTrip.verifiedImages(fixture, "round-trip");
                Map<String, List<String>> rowsBefore = fixture.locations();
                String newFsid = fixture.stack.fsid(LocalStack.Cluster.NEW);
                cleanup.clonesAreListedAndWarnedAboutBeforeTheCutover();

                api().post("/migrations/" + fixture.migrationId + "/cutover").then().statusCode(200)
                        .body("state", equalTo("completed")).body("attempt", equalTo(1))
                        .body("operator", equalTo("operator")).body("locationRows", equalTo(FleetRoundTrip.IMAGES));

                for (String id : fixture.images.keySet()) {
                    List<String> rows = fixture.locations().get(id);
                    assertEquals(1, rows.size());
                    assertTrue(rows.get(0).contains(" " + fixture.locationOn(newFsid, id) + " {\"store\": \"ceph\"}"), rows.get(0));
                }
                cleanup.planKeepsTheParentAndApplyRemovesExactlyTheLeftovers();
                FleetRoundTrip.everyNodePointsAtItsOwnFilesOnNew(fleet);
                FleetRoundTrip.everyNodeServesEveryImageWithout(fixture, fleet, "ceph-old-osd");
                api().get("/migrations/" + fixture.migrationId + "/cutover").then().statusCode(200)
                        .body("state", equalTo("completed")).body("journal", hasSize(FleetRoundTrip.IMAGES))
                        .body("runs[0].rowsChanged", equalTo(FleetRoundTrip.IMAGES))
                        .body("runs[0].operator", equalTo("operator"))
                        .body("runs[0].startedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"))
                        .body("journal[0].newValue", containsString(newFsid));
                api().post("/migrations/" + fixture.migrationId + "/cutover").then().statusCode(409)
                        .body("detail", containsString("already cut over"));

                api().post("/migrations/" + fixture.migrationId + "/rollback").then().statusCode(200)
                        .body("state", equalTo("rolled_back")).body("locationRows", equalTo(FleetRoundTrip.IMAGES));

                assertEquals(rowsBefore, fixture.locations(), "every row holds its old value again");
                cleanup.cleanupIsRefused();
                FleetRoundTrip.everyNodeHasItsConfigBack(fleet, confsBefore);
                FleetRoundTrip.everyNodeServesEveryImageWithout(fixture, fleet, "ceph-new-osd");

                List<String> events = MigrationEvents.of(fixture.migrationId, Duration.ofSeconds(30),
                        seen -> seen.stream().anyMatch(e -> e.contains("\"cutover-rolled-back\"")));
                assertEquals(List.of("cutover-started", "cutover-completed", "cutover-rolled-back"),
                        events.stream().map(e -> e.replaceAll(".*\"type\"\\s*:\\s*\"([a-z-]+)\".*", "$1")).toList(), events.toString());
                assertTrue(events.get(1).contains("\"locationRowsChanged\":" + FleetRoundTrip.IMAGES), events.get(1));
                assertTrue(events.get(2).contains("\"locationRowsRestored\":" + FleetRoundTrip.IMAGES), events.get(2));
            } finally {
                fleet.ensureOnOld(confsBefore);
                fleet.removeBackups(fixture.migrationId);
            }
        }
    }
}
