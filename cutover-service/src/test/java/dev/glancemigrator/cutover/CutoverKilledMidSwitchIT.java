package dev.glancemigrator.cutover;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.cutover.support.CutoverProcess;
import dev.glancemigrator.cutover.support.EventRef;
import dev.glancemigrator.cutover.support.GlanceOnOld;
import dev.glancemigrator.cutover.support.MigrationEvents;
import dev.glancemigrator.cutover.support.MigrationFixture;
import dev.glancemigrator.stack.LocalStack;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service killed with SIGKILL at the two points of a cutover where a crash leaves Glance
 * half-way, then started again and asked again:
 * <ul>
 * <li>after the journal is committed, before the location rows are: every row is still old; the re-run
 * abandons that attempt and completes a new one;</li>
 * <li>after the rows are committed, before Glance's config is switched: every row is new and the config
 * untouched; the re-run completes the same attempt.</li>
 * </ul>
 * Each then rolls back to old. The service has no test hook: the test stops it at those points by real
 * means, a row lock and a switch command that waits.
 */
@Tag("stack")
class CutoverKilledMidSwitchIT {

    private static final Duration STEP = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private CutoverProcess service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    /**
     * The test's own connection holds a row lock on one of the migration's location rows, so the
     * cutover's row-switch transaction (which locks every live rbd row, then rewrites the journaled ones)
     * waits on it; the service is killed while it waits. MariaDB rolls the killed session's transaction
     * back. On a Galera cluster this holds only when the test's connection and the service's reach the same
     * node: row locks are local to a node (another node's writer would instead be aborted at commit).
     */
    @Test
    void aKillAfterTheJournalBeforeTheRowCommitLeavesRowsOldAndAReRunCompletesANewAttempt() throws Exception {
        try (MigrationFixture fixture = new MigrationFixture()) {
            String confBefore = fixture.glanceConfText();
            try {
                List<String> ids = verifiedImages(fixture, "killed-journaled");
                Map<String, List<String>> rowsBefore = fixture.locations();
                service = CutoverProcess.start(fixture.stack, "killed-journaled", Map.of());

                try (Connection lock = ledgerConnection(fixture.stack)) {
                    lock.setAutoCommit(false);
                    lockLocationRow(lock, fixture, ids.get(0));
                    CompletableFuture<HttpResponse<String>> pending = service.postAsync(fixture.migrationId, "cutover");
                    await("the cutover waits on the locked row, its journal committed").atMost(STEP)
                            .until(() -> runStates(fixture).equals(List.of("journaled")) && rowSwitchWaits(fixture));
                    service.kill();
                    pending.handle((response, error) -> null).join();
                    lock.rollback();
                }

                assertEquals(rowsBefore, fixture.locations(), "after the kill every row is old");
                assertEquals(confBefore, fixture.glanceConfText(), "after the kill the config is untouched");
                assertEquals(2, fixture.sql.strings("SELECT location_id FROM cutover_journal WHERE migration_id = ?",
                        fixture.migrationId).size(), "the journal was committed");
                assertEquals(List.of(EventRef.expected("cutover-started", 1)), EventRef.withoutIds(EventRef.inOutbox(fixture)),
                        "cutover-started was committed with the journal");

                service = CutoverProcess.start(fixture.stack, "killed-journaled-restarted", Map.of());
                HttpResponse<String> rerun = service.post(fixture.migrationId, "cutover");
                assertEquals(200, rerun.statusCode(), rerun.body());
                assertTrue(rerun.body().contains("\"attempt\":2"), rerun.body());
                assertEquals(List.of("abandoned", "completed"), runStates(fixture));
                assertRowsOnNew(fixture);
                fixture.images.forEach((id, data) -> assertArrayEquals(data, fixture.glance.download(id)));

                HttpResponse<String> rollback = service.post(fixture.migrationId, "rollback");
                assertEquals(200, rollback.statusCode(), rollback.body());
                assertEquals(rowsBefore, fixture.locations(), "after the rollback every row is old");
                assertEquals(confBefore, fixture.glanceConfText());

                assertPublishedAsRecorded(fixture, List.of(EventRef.expected("cutover-started", 1),
                        EventRef.expected("cutover-started", 2), EventRef.expected("cutover-completed", 2),
                        EventRef.expected("cutover-rolled-back", 2)));
            } finally {
                GlanceOnOld.ensure(fixture, confBefore);
            }
        }
    }

    /**
     * The {@code command} switch runs a script that, while the file {@code hold} exists, waits on a FIFO
     * nobody writes to: the cutover stops exactly after the row commit. The service is killed there, and
     * the script with it, as a host's crash takes both. Glance's restart command is {@code true}: the
     * shared Glance keeps its config and is not restarted (the fixture's images are on both clusters).
     */
    @Test
    void aKillAfterTheRowCommitBeforeTheConfigSwitchLeavesRowsNewAndAReRunCompletesTheSameAttempt() throws Exception {
        try (MigrationFixture fixture = new MigrationFixture()) {
            String confBefore = fixture.glanceConfText();
            Path calls = dir.resolve("calls");
            Path held = dir.resolve("held.pid");
            Path hold = Files.createFile(dir.resolve("hold"));
            Path fifo = dir.resolve("fifo");
            run("mkfifo", fifo.toString());
            Path script = dir.resolve("switch.sh");
            Files.writeString(script, """
                    #!/bin/sh
                    echo "$1 $CUTOVER_TAG" >> %1$s
                    if [ "$1" = apply ] && [ -e %2$s ]; then
                      echo $$ > %3$s
                      read line < %4$s
                    fi
                    echo "done $1 $CUTOVER_TAG $CUTOVER_BACKUP_MARKER" >> %1$s
                    if [ "$1" = apply ]; then echo "backup.marker=before-$CUTOVER_TAG"; fi
                    """.formatted(calls, hold, held, fifo));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            Map<String, String> commandSwitch = Map.of("CUTOVER_GLANCE_SWITCH_KIND", "command",
                    "CUTOVER_GLANCE_SWITCH_COMMAND", script.toString(), "CUTOVER_GLANCE_RESTART_COMMAND", "true");
            try {
                verifiedImages(fixture, "killed-switched");
                Map<String, List<String>> rowsBefore = fixture.locations();
                String tag = fixture.migrationId + "-1";
                service = CutoverProcess.start(fixture.stack, "killed-switched", commandSwitch);

                CompletableFuture<HttpResponse<String>> pending = service.postAsync(fixture.migrationId, "cutover");
                await("the switch command waits").atMost(STEP).until(() -> Files.exists(held) && Files.size(held) > 0);
                long script1 = Long.parseLong(Files.readString(held).strip());
                service.kill();
                ProcessHandle.of(script1).ifPresent(ProcessHandle::destroyForcibly);
                pending.handle((response, error) -> null).join();

                assertEquals(List.of("db_switched"), runStates(fixture), "the rows were committed, the config not");
                assertRowsOnNew(fixture);
                assertEquals(List.of("apply " + tag), Files.readAllLines(calls), "the switch began and never finished");
                assertEquals(confBefore, fixture.glanceConfText());

                Files.delete(hold);
                service = CutoverProcess.start(fixture.stack, "killed-switched-restarted", commandSwitch);
                HttpResponse<String> rerun = service.post(fixture.migrationId, "cutover");
                assertEquals(200, rerun.statusCode(), rerun.body());
                assertTrue(rerun.body().contains("\"attempt\":1"), rerun.body());
                assertEquals(List.of("completed"), runStates(fixture), "the same attempt completed; none abandoned");
                assertRowsOnNew(fixture);
                assertEquals(List.of("apply " + tag, "apply " + tag, "done apply " + tag + " "), Files.readAllLines(calls),
                        "the switch ran again for the same attempt");

                HttpResponse<String> rollback = service.post(fixture.migrationId, "rollback");
                assertEquals(200, rollback.statusCode(), rollback.body());
                assertEquals(rowsBefore, fixture.locations(), "after the rollback every row is old");
                List<String> all = Files.readAllLines(calls);
                assertEquals(List.of("restore " + tag, "done restore " + tag + " before-" + tag), all.subList(3, all.size()),
                        "restore got back what apply reported");

                assertPublishedAsRecorded(fixture, List.of(EventRef.expected("cutover-started", 1),
                        EventRef.expected("cutover-completed", 1), EventRef.expected("cutover-rolled-back", 1)));
            } finally {
                if (Files.exists(held)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(held).strip())).ifPresent(ProcessHandle::destroyForcibly);
                }
                GlanceOnOld.ensure(fixture, confBefore);
            }
        }
    }

    private static List<String> verifiedImages(MigrationFixture fixture, String name) {
        for (int i = 0; i < 2; i++) {
            String id = fixture.upload(name + "-" + i, 4096 + i);
            fixture.copyToNew(id);
            fixture.inLedger(id, "verified");
        }
        return List.copyOf(fixture.images.keySet());
    }

    private static List<String> runStates(MigrationFixture fixture) {
        return fixture.sql.strings("SELECT state FROM cutover_run WHERE migration_id = ? ORDER BY attempt", fixture.migrationId);
    }

    private static void assertRowsOnNew(MigrationFixture fixture) {
        String newFsid = fixture.stack.fsid(LocalStack.Cluster.NEW);
        fixture.locations().forEach((id, rows) -> assertTrue(rows.size() == 1
                && rows.get(0).contains(fixture.locationOn(newFsid, id)), "row of " + id + " is new: " + rows));
    }

    /**
     * Every recorded event reaches the topic (the restarted service's relay publishes what the killed one
     * left), in the order recorded, with the eventId it was recorded with.
     */
    private static void assertPublishedAsRecorded(MigrationFixture fixture, List<EventRef> expected) {
        List<EventRef> recorded = EventRef.inOutbox(fixture);
        assertEquals(expected, EventRef.withoutIds(recorded), recorded.toString());
        await("the outbox is published").atMost(STEP).until(() -> EventRef.unsent(fixture) == 0);
        List<EventRef> published = EventRef.of(MigrationEvents.of(fixture.migrationId, Duration.ofSeconds(30),
                seen -> seen.size() >= recorded.size()));
        assertEquals(recorded, published);
    }

    private static Connection ledgerConnection(LocalStack stack) throws Exception {
        return DriverManager.getConnection(stack.jdbcUrl(stack.get("GM_LEDGER_DB")), stack.get("GM_DB_USER"), stack.dbPassword());
    }

    /** Locks the image's live location row by its primary key: a record lock, no gap, nothing else held. */
    private static void lockLocationRow(Connection connection, MigrationFixture fixture, String imageId) throws Exception {
        String table = fixture.stack.glanceDatabase() + ".image_locations";
        long id = Long.parseLong(fixture.sql.strings("SELECT id FROM " + table + " WHERE image_id = ? AND deleted = 0",
                imageId).get(0));
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM " + table + " WHERE id = ? FOR UPDATE")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "location " + id + " is there");
            }
        }
    }

    /**
     * A session of the migrator user (which the service uses) is running a statement on image_locations
     * that locks rows: the cutover's row-switch transaction, waiting on the test's lock.
     */
    private static boolean rowSwitchWaits(MigrationFixture fixture) {
        return fixture.sql.count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query'"
                + " AND INFO LIKE '%image_locations%FOR UPDATE%' AND ID <> CONNECTION_ID()") > 0;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertEquals(0, process.waitFor(), String.join(" ", command));
    }
}
