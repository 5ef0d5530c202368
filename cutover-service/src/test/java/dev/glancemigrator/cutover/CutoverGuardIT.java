package dev.glancemigrator.cutover;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glancemigrator.cutover.support.CutoverProcess;
import dev.glancemigrator.cutover.support.GlanceOnOld;
import dev.glancemigrator.cutover.support.HeldSwitch;
import dev.glancemigrator.cutover.support.MigrationFixture;
import dev.glancemigrator.stack.LocalStack;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two cutover instances, each on another node of the Galera cluster (ledger and Glance's database alike), asked
 * to cut over the same migration at the same moment. GET_LOCK would let both in (it is not replicated); the
 * guard row lets exactly one in, and the other is refused naming the holder. The holder is kept inside its run
 * by a switch command that waits, then killed with SIGKILL: once its lease ran out, the other instance takes
 * the guard and completes the run the killed one left.
 */
@Tag("stack")
class CutoverGuardIT {

    private static final Duration STEP = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Map<String, CutoverProcess> services = new HashMap<>();

    @AfterEach
    void stop() {
        services.values().forEach(CutoverProcess::close);
    }

    @Test
    void twoInstancesOnTwoNodesExactlyOneCutsOverTheOtherNamesItAndTakesOverOnceItsKilledLeaseRanOut() throws Exception {
        try (MigrationFixture fixture = new MigrationFixture()) {
            String confBefore = fixture.glanceConfText();
            HeldSwitch commandSwitch = new HeldSwitch(dir);
            try {
                for (int i = 0; i < 2; i++) {
                    String id = fixture.upload("guard-" + i, 4096 + i);
                    fixture.copyToNew(id);
                    fixture.inLedger(id, "verified");
                }
                Map<String, List<String>> rowsBefore = fixture.locations();
                List<String> nodes = List.of(fixture.stack.get("GM_DB_NODES").split("\\s+"));
                assertTrue(nodes.size() >= 2, "a Galera cluster of at least two nodes: " + nodes);
                services.put("a", CutoverProcess.start(fixture.stack, "guard-a", onNode(nodes.get(0), commandSwitch)));
                services.put("b", CutoverProcess.start(fixture.stack, "guard-b", onNode(nodes.get(1), commandSwitch)));

                CompletableFuture<HttpResponse<String>> a = services.get("a").postAsync(fixture.migrationId, "cutover");
                CompletableFuture<HttpResponse<String>> b = services.get("b").postAsync(fixture.migrationId, "cutover");
                HttpResponse<String> refused = CompletableFuture.anyOf(a, b).thenApply(first -> (HttpResponse<String>) first)
                        .get(STEP.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(409, refused.statusCode(), refused.body());
                String loser = refused == a.getNow(null) ? "a" : "b";
                String holder = loser.equals("a") ? "b" : "a";
                JsonNode problem = JSON.readTree(refused.body());
                assertEquals("cutover-it-guard-" + holder, problem.path("holder").path("host").asText(), refused.body());
                assertTrue(problem.path("detail").asText().contains("cutover-it-guard-" + holder), refused.body());
                assertTrue(problem.path("holder").hasNonNull("leaseUntil"), refused.body());
                await("the holder's switch command waits").atMost(STEP).until(commandSwitch::waiting);
                assertEquals(List.of("db_switched"), runStates(fixture), "one run, and it switched the rows");

                services.get(holder).kill();
                commandSwitch.killWaiting();
                commandSwitch.release();
                CutoverProcess other = services.get(loser);
                HttpResponse<String> early = other.post(fixture.migrationId, "cutover");
                assertEquals(409, early.statusCode(), "the killed holder's lease still runs: " + early.body());
                assertTrue(early.body().contains("cutover-it-guard-" + holder), early.body());

                HttpResponse<String>[] completed = new HttpResponse[1];
                await("the lease passes to the other instance, which completes the run").atMost(STEP)
                        .pollInterval(Duration.ofSeconds(1)).until(() -> {
                            completed[0] = other.post(fixture.migrationId, "cutover");
                            return completed[0].statusCode() != 409;
                        });
                assertEquals(200, completed[0].statusCode(), completed[0].body());
                assertTrue(completed[0].body().contains("\"attempt\":1"), completed[0].body());
                assertEquals(List.of("completed"), runStates(fixture));
                String newFsid = fixture.stack.fsid(LocalStack.Cluster.NEW);
                fixture.locations().forEach((id, rows) -> assertTrue(rows.get(0).contains(fixture.locationOn(newFsid, id)),
                        rows.toString()));

                HttpResponse<String> rollback = other.post(fixture.migrationId, "rollback");
                assertEquals(200, rollback.statusCode(), rollback.body());
                assertEquals(rowsBefore, fixture.locations(), "after the rollback every row is old");
            } finally {
                commandSwitch.killWaiting();
                GlanceOnOld.ensure(fixture, confBefore);
            }
        }
    }

    /** The instance's ledger and Glance datasources both on {@code node} (host:port), with the short lease of the tests. */
    private static Map<String, String> onNode(String node, HeldSwitch commandSwitch) {
        Map<String, String> settings = new HashMap<>(commandSwitch.settings());
        String port = node.substring(node.lastIndexOf(':') + 1);
        settings.put("GM_DB_PORT", port);
        settings.put("GM_GLANCE_DB_PORT", port);
        settings.putAll(CutoverProcess.SHORT_LEASE);
        return settings;
    }

    private static List<String> runStates(MigrationFixture fixture) {
        return fixture.sql.strings("SELECT state FROM cutover_run WHERE migration_id = ? ORDER BY attempt", fixture.migrationId);
    }
}
