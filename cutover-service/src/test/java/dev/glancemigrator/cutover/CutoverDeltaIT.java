package dev.glancemigrator.cutover;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glancemigrator.cutover.support.CutoverProcess;
import dev.glancemigrator.cutover.support.EventRef;
import dev.glancemigrator.cutover.support.GlanceOnOld;
import dev.glancemigrator.cutover.support.HeldSwitch;
import dev.glancemigrator.cutover.support.MigrationFixture;
import dev.glancemigrator.events.CutoverCompleted;
import dev.glancemigrator.stack.LocalStack;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image uploaded to the source while the cutover is switching Glance (after the row rewrite, before the
 * config switch: the uploader's Glance still writes to the old cluster) is not silently left behind: the
 * cutover lists it, in its answer and in cutover-completed; once it is copied and verified, a delta run
 * rewrites just its row (no config switch, no restart), a further cutover finds nothing left, and the
 * rollbacks undo one run at a time, the delta first.
 */
@Tag("stack")
class CutoverDeltaIT {

    private static final Duration STEP = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private CutoverProcess service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void anUploadDuringTheSwitchIsListedThenMovedByADeltaRunThatRollsBackAlone() throws Exception {
        try (MigrationFixture fixture = new MigrationFixture()) {
            String confBefore = fixture.glanceConfText();
            HeldSwitch commandSwitch = new HeldSwitch(dir);
            try {
                for (int i = 0; i < 2; i++) {
                    String id = fixture.upload("delta-" + i, 5000 + i);
                    fixture.copyToNew(id);
                    fixture.inLedger(id, "verified");
                }
                Map<String, List<String>> rowsBefore = fixture.locations();
                String newFsid = fixture.stack.fsid(LocalStack.Cluster.NEW);
                String tag = fixture.migrationId + "-1";
                service = CutoverProcess.start(fixture.stack, "delta", commandSwitch.settings());

                CompletableFuture<HttpResponse<String>> first = service.postAsync(fixture.migrationId, "cutover");
                await("the cutover is inside its config switch, its rows rewritten").atMost(STEP).until(commandSwitch::waiting);
                String late = fixture.upload("delta-late", 7000);
                String lateBefore = fixture.locations().get(late).get(0);
                commandSwitch.release();

                JsonNode cutover = body(first.join(), 200);
                assertEquals("full", cutover.path("kind").asText());
                assertEquals(List.of(late), strings(cutover.path("imagesLeftOnSource")), cutover.toString());
                JsonNode completed = completedEvent(fixture, 1);
                assertEquals(CutoverCompleted.SCHEMA_VERSION, completed.path("schemaVersion").asInt());
                assertEquals(List.of(late), strings(completed.path("imagesLeftOnSource")), completed.toString());
                assertTrue(fixture.locations().get(late).get(0).contains(fixture.locationOn(fixture.sourceFsid, late)),
                        "the late image is still on the source");

                // What re-plan, copy and verify leave in the ledger and on the target.
                fixture.copyToNew(late);
                fixture.inLedger(late, "verified");

                JsonNode dryRun = body(post(fixture, "cutover?dryRun=true"), 200);
                assertEquals("delta", dryRun.path("runKind").asText());
                assertTrue(dryRun.path("ready").asBoolean(), dryRun.toString());
                assertEquals(1, dryRun.path("locationChanges").size(), dryRun.toString());
                assertEquals(fixture.locationOn(newFsid, late), dryRun.path("locationChanges").get(0).path("newValue").asText());
                assertTrue(dryRun.path("config").isNull(), "a delta run switches no config: " + dryRun);

                JsonNode delta = body(service.post(fixture.migrationId, "cutover"), 200);
                assertEquals("delta", delta.path("kind").asText());
                assertEquals(2, delta.path("attempt").asInt());
                assertEquals(1, delta.path("locationRows").asInt());
                assertEquals(0, delta.path("imagesLeftOnSource").size());
                fixture.locations().forEach((id, rows) -> assertTrue(rows.get(0).contains(fixture.locationOn(newFsid, id)),
                        "every row on new: " + rows));
                assertEquals(List.of("apply " + tag, "done apply " + tag + " "), commandSwitch.calls(),
                        "the delta run did not switch the config again");

                HttpResponse<String> nothingLeft = service.post(fixture.migrationId, "cutover");
                assertEquals(409, nothingLeft.statusCode(), nothingLeft.body());
                assertTrue(nothingLeft.body().contains("nothing is left on the source"), nothingLeft.body());

                JsonNode deltaRollback = body(service.post(fixture.migrationId, "rollback"), 200);
                assertEquals(2, deltaRollback.path("attempt").asInt());
                assertEquals("delta", deltaRollback.path("kind").asText());
                assertEquals(1, deltaRollback.path("locationRows").asInt());
                assertEquals(lateBefore, fixture.locations().get(late).get(0), "the delta's row is back on the source");
                rowsBefore.keySet().forEach(id -> assertTrue(fixture.locations().get(id).get(0)
                        .contains(fixture.locationOn(newFsid, id)), "the first run's rows stay on new"));
                assertEquals(2, commandSwitch.calls().size(), "rolling the delta back restores no config");

                JsonNode fullRollback = body(service.post(fixture.migrationId, "rollback"), 200);
                assertEquals(1, fullRollback.path("attempt").asInt());
                assertEquals("full", fullRollback.path("kind").asText());
                rowsBefore.forEach((id, rows) -> assertEquals(rows, fixture.locations().get(id), "back on the source"));
                assertEquals("restore " + tag, commandSwitch.calls().get(2));

                await("the outbox is published").atMost(STEP).until(() -> EventRef.unsent(fixture) == 0);
                assertEquals(List.of(EventRef.expected("cutover-started", 1), EventRef.expected("cutover-completed", 1),
                        EventRef.expected("cutover-started", 2), EventRef.expected("cutover-completed", 2),
                        EventRef.expected("cutover-rolled-back", 2), EventRef.expected("cutover-rolled-back", 1)),
                        EventRef.withoutIds(EventRef.inOutbox(fixture)));
            } finally {
                commandSwitch.killWaiting();
                GlanceOnOld.ensure(fixture, confBefore);
            }
        }
    }

    private HttpResponse<String> post(MigrationFixture fixture, String action) {
        return service.post(fixture.migrationId, action);
    }

    private static JsonNode body(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static List<String> strings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** The recorded cutover-completed of {@code attempt}, as encoded in the outbox. */
    private static JsonNode completedEvent(MigrationFixture fixture, int attempt) throws Exception {
        List<Map<String, Object>> rows = fixture.sql.rows("SELECT payload FROM cutover_outbox WHERE migration_id = ?"
                + " AND attempt = ? AND event_type = 'cutover-completed'", fixture.migrationId, attempt);
        assertEquals(1, rows.size());
        return JSON.readTree((byte[]) rows.get(0).get("payload"));
    }
}
