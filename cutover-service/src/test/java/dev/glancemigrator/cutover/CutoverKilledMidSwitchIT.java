package dev.glancemigrator.cutover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.cutover.support.GlanceOnOld;
import dev.glancemigrator.cutover.support.MigrationFixture;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, killed with SIGKILL after it journaled a cutover and before it rewrote the
 * rows, then started again and asked again: the rows were entirely old after the kill and are entirely
 * new after the re-run; the rollback then returns everything to old.
 */
class CutoverKilledMidSwitchIT {

    private static final String TOKEN = "it-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newHttpClient();
    private ServiceProcess service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null && service.alive()) {
            service.terminate();
        }
    }

    @Test
    void aKillBetweenJournalAndCommitLeavesRowsOldAndAReRunCompletesTheCutover() throws Exception {
        try (MigrationFixture fixture = new MigrationFixture()) {
            String confBefore = fixture.glanceConfText();
            try {
                for (int i = 0; i < 2; i++) {
                    String id = fixture.upload("killed-" + i, 4096 + i);
                    fixture.copyToNew(id);
                    fixture.inLedger(id, "verified");
                }
                Map<String, List<String>> rowsBefore = fixture.locations();
                int port = freePort();

                service = start(fixture, port, Map.of("CUTOVER_TEST_PAUSE_AFTER_JOURNAL", "5m"), "paused");
                var pending = http.sendAsync(post(port, fixture.migrationId, "cutover"), HttpResponse.BodyHandlers.ofString());
                until("the journal is written", Duration.ofSeconds(60), () -> fixture.sql.strings(
                        "SELECT state FROM cutover_run WHERE migration_id = ?", fixture.migrationId).contains("journaled"));
                service.kill(); // SIGKILL
                pending.handle((r, e) -> null).join();

                assertEquals(rowsBefore, fixture.locations(), "after the kill every row is old");
                assertEquals(confBefore, fixture.glanceConfText(), "after the kill the config is untouched");
                assertEquals(2, fixture.sql.strings("SELECT location_id FROM cutover_journal WHERE migration_id = ?",
                        fixture.migrationId).size(), "the journal was committed");

                service = start(fixture, port, Map.of(), "restarted");
                HttpResponse<String> rerun = http.send(post(port, fixture.migrationId, "cutover"), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, rerun.statusCode(), rerun.body());
                assertTrue(rerun.body().contains("\"attempt\":2"), rerun.body());
                assertEquals(List.of("abandoned", "completed"), fixture.sql.strings(
                        "SELECT state FROM cutover_run WHERE migration_id = ? ORDER BY attempt", fixture.migrationId));
                String newFsid = fixture.stack.fsid(LocalStack.Cluster.NEW);
                fixture.locations().forEach((id, rows) -> assertTrue(rows.size() == 1
                        && rows.get(0).contains(fixture.locationOn(newFsid, id)), "row of " + id + " is new: " + rows));
                fixture.images.forEach((id, data) -> assertArrayEquals(data, fixture.glance.download(id)));

                HttpResponse<String> rollback = http.send(post(port, fixture.migrationId, "rollback"), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, rollback.statusCode(), rollback.body());
                assertEquals(rowsBefore, fixture.locations(), "after the rollback every row is old");
                assertEquals(confBefore, fixture.glanceConfText());
            } finally {
                GlanceOnOld.ensure(fixture, confBefore);
            }
        }
    }

    private HttpRequest post(int port, String migrationId, String action) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/migrations/" + migrationId + "/" + action))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private ServiceProcess start(MigrationFixture fixture, int port, Map<String, String> settings, String name) {
        Path jar = Path.of(System.getProperty("cutover.jar", "target/quarkus-app/quarkus-run.jar"));
        Map<String, String> env = new HashMap<>(settings);
        env.put("GM_CUTOVER_TOKEN_FILE", tokenFile(jar.getParent().getParent()).toString());
        env.put("CUTOVER_HOST", "cutover-it-" + name);
        return ServiceProcess.start(fixture.stack, jar, port,
                jar.getParent().getParent().resolve("cutover-killed-" + name + ".log"), env, "ready");
    }

    /** This test's own token, in a file the service is pointed at, as an operator would provision it. */
    private static Path tokenFile(Path dir) {
        try {
            return Files.writeString(dir.resolve("cutover-killed-token"), TOKEN + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(250);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
