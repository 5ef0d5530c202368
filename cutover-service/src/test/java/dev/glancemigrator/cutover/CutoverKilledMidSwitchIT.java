package dev.glancemigrator.cutover;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.cutover.support.CutoverProcess;
import dev.glancemigrator.cutover.support.EventRef;
import dev.glancemigrator.cutover.support.FleetRoundTrip;
import dev.glancemigrator.cutover.support.GlanceFleetNodes;
import dev.glancemigrator.cutover.support.HeldSwitch;
import dev.glancemigrator.cutover.support.MigrationEvents;
import dev.glancemigrator.cutover.support.MigrationFixture;
import dev.glancemigrator.stack.LocalStack;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
 * The packaged service killed with SIGKILL at the three points of a cutover where a crash leaves Glance
 * half-way, then started again and asked again:
 * <ul>
 * <li>after the journal is committed, before Glance's rows are: every row is still old; the re-run
 * abandons that attempt and completes a new one;</li>
 * <li>after Glance committed the rows, before the journal's mark (two databases, two commits): every row
 * is new while the journal still says journaled; the re-run recognises the switched rows, marks the run
 * and completes the same attempt, never planning over them;</li>
 * <li>after the mark, before Glance's config is switched: every row is new and the config untouched; the
 * re-run completes the same attempt.</li>
 * </ul>
 * Each then rolls back to old. The service has no test hook: the test stops it at those points by real
 * means, row locks (on Glance's row, on the ledger's run row) and a switch command that waits, then runs the
 * stack's real switch script over both Glance nodes: after each re-run every node points at the new
 * cluster (and serves the sample, which the service checks), after each rollback every node has its
 * config back.
 */
@Tag("stack")
class CutoverKilledMidSwitchIT {

    private static final Duration STEP = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private CutoverProcess service;
    private final GlanceFleetNodes fleet = new GlanceFleetNodes(LocalStack.current());

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
            HeldSwitch commandSwitch = HeldSwitch.chainedTo(dir, CutoverCommandSwitchFleetTest.wrapper());
            Map<String, String> nodesBefore = fleet.confTexts();
            commandSwitch.release();
            try {
                List<String> ids = verifiedImages(fixture, "killed-journaled");
                Map<String, List<String>> rowsBefore = fixture.locations();
                service = CutoverProcess.start(fixture.stack, "killed-journaled", commandSwitch.settings());

                try (Connection lock = fixture.glanceRows.connect()) {
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

                service = CutoverProcess.start(fixture.stack, "killed-journaled-restarted", commandSwitch.settings());
                HttpResponse<String> rerun = service.post(fixture.migrationId, "cutover");
                assertEquals(200, rerun.statusCode(), rerun.body());
                assertTrue(rerun.body().contains("\"attempt\":2"), rerun.body());
                assertEquals(List.of("abandoned", "completed"), runStates(fixture));
                assertRowsOnNew(fixture);
                assertEquals(List.of("apply " + fixture.migrationId + "-2", "done apply " + fixture.migrationId + "-2 "),
                        commandSwitch.calls(), "the config was switched once, by the new attempt");
                FleetRoundTrip.everyNodePointsAtItsOwnFilesOnNew(fleet);

                HttpResponse<String> rollback = service.post(fixture.migrationId, "rollback");
                assertEquals(200, rollback.statusCode(), rollback.body());
                assertEquals(rowsBefore, fixture.locations(), "after the rollback every row is old");
                FleetRoundTrip.everyNodeHasItsConfigBack(fleet, nodesBefore);
                assertEquals(confBefore, fixture.glanceConfText());

                assertPublishedAsRecorded(fixture, List.of(EventRef.expected("cutover-started", 1),
                        EventRef.expected("cutover-started", 2), EventRef.expected("cutover-completed", 2),
                        EventRef.expected("cutover-rolled-back", 2)));
            } finally {
                commandSwitch.killWaiting();
                fleet.ensureOnOld(nodesBefore);
            }
        }
    }

    /**
     * The {@code command} switch runs a script that waits (see {@link HeldSwitch}): the cutover stops exactly
     * after the journal's mark. The service is killed there, and the script with it, as a host's crash takes
     * both.
     */
    @Test
    void aKillAfterTheRowCommitBeforeTheConfigSwitchLeavesRowsNewAndAReRunCompletesTheSameAttempt() throws Exception {
        try (MigrationFixture fixture = new MigrationFixture()) {
            String confBefore = fixture.glanceConfText();
            HeldSwitch commandSwitch = HeldSwitch.chainedTo(dir, CutoverCommandSwitchFleetTest.wrapper());
            Map<String, String> nodesBefore = fleet.confTexts();
            try {
                verifiedImages(fixture, "killed-switched");
                Map<String, List<String>> rowsBefore = fixture.locations();
                String tag = fixture.migrationId + "-1";
                service = CutoverProcess.start(fixture.stack, "killed-switched", commandSwitch.settings());

                CompletableFuture<HttpResponse<String>> pending = service.postAsync(fixture.migrationId, "cutover");
                await("the switch command waits").atMost(STEP).until(commandSwitch::waiting);
                service.kill();
                commandSwitch.killWaiting();
                pending.handle((response, error) -> null).join();

                assertEquals(List.of("db_switched"), runStates(fixture), "the rows were committed, the config not");
                assertRowsOnNew(fixture);
                assertEquals(List.of("apply " + tag), commandSwitch.calls(), "the switch began and never finished");
                assertEquals(confBefore, fixture.glanceConfText());

                commandSwitch.release();
                service = CutoverProcess.start(fixture.stack, "killed-switched-restarted", commandSwitch.settings());
                HttpResponse<String> rerun = service.post(fixture.migrationId, "cutover");
                assertEquals(200, rerun.statusCode(), rerun.body());
                assertTrue(rerun.body().contains("\"attempt\":1"), rerun.body());
                assertEquals(List.of("completed"), runStates(fixture), "the same attempt completed; none abandoned");
                assertRowsOnNew(fixture);
                assertEquals(List.of("apply " + tag, "apply " + tag, "done apply " + tag + " "), commandSwitch.calls(),
                        "the switch ran again for the same attempt");
                FleetRoundTrip.everyNodePointsAtItsOwnFilesOnNew(fleet);

                HttpResponse<String> rollback = service.post(fixture.migrationId, "rollback");
                assertEquals(200, rollback.statusCode(), rollback.body());
                assertEquals(rowsBefore, fixture.locations(), "after the rollback every row is old");
                FleetRoundTrip.everyNodeHasItsConfigBack(fleet, nodesBefore);
                List<String> all = commandSwitch.calls();
                assertEquals("restore " + tag, all.get(3));
                assertTrue(all.get(4).startsWith("done restore " + tag + " ") && all.get(4).endsWith(".cutover-" + tag + ".bak"),
                        "restore got back the backup apply reported: " + all);

                assertPublishedAsRecorded(fixture, List.of(EventRef.expected("cutover-started", 1),
                        EventRef.expected("cutover-completed", 1), EventRef.expected("cutover-rolled-back", 1)));
            } finally {
                commandSwitch.killWaiting();
                fleet.ensureOnOld(nodesBefore);
            }
        }
    }

    /**
     * Glance's rows and the journal are two databases (two users, perhaps two servers), so the row rewrite and
     * the run's mark are two commits. The test holds Glance's row until the run is journaled, then takes a lock
     * on the ledger's run row and lets Glance's transaction go: Glance commits, the mark waits on the test's
     * lock, and the service is killed there. The journal says journaled while every row is new: the re-run
     * must see that from the rows, mark the run and complete the same attempt.
     */
    @Test
    void aKillAfterGlanceCommittedBeforeTheJournalSaidSoIsRecognisedAndTheReRunCompletesTheSameAttempt() throws Exception {
        try (MigrationFixture fixture = new MigrationFixture()) {
            String confBefore = fixture.glanceConfText();
            HeldSwitch commandSwitch = HeldSwitch.chainedTo(dir, CutoverCommandSwitchFleetTest.wrapper());
            Map<String, String> nodesBefore = fleet.confTexts();
            commandSwitch.release();
            try {
                List<String> ids = verifiedImages(fixture, "killed-unmarked");
                Map<String, List<String>> rowsBefore = fixture.locations();
                service = CutoverProcess.start(fixture.stack, "killed-unmarked", commandSwitch.settings());

                try (Connection glanceLock = fixture.glanceRows.connect(); Connection journalLock = ledgerConnection(fixture.stack)) {
                    glanceLock.setAutoCommit(false);
                    journalLock.setAutoCommit(false);
                    lockLocationRow(glanceLock, fixture, ids.get(0));
                    CompletableFuture<HttpResponse<String>> pending = service.postAsync(fixture.migrationId, "cutover");
                    await("the row switch waits on Glance's row, its journal committed").atMost(STEP)
                            .until(() -> runStates(fixture).equals(List.of("journaled")) && rowSwitchWaits(fixture));
                    lockRunRow(journalLock, fixture);
                    glanceLock.rollback();
                    await("Glance committed every row; the journal's mark waits on the run row").atMost(STEP)
                            .until(() -> rowsAreOnNew(fixture) && markWaits(fixture));
                    service.kill();
                    pending.handle((response, error) -> null).join();
                    journalLock.rollback();
                }

                assertEquals(List.of("journaled"), runStates(fixture), "the journal never said the rows were switched");
                assertRowsOnNew(fixture);
                assertEquals(List.of(), commandSwitch.calls(), "the config switch never began");

                service = CutoverProcess.start(fixture.stack, "killed-unmarked-restarted", commandSwitch.settings());
                HttpResponse<String> rerun = service.post(fixture.migrationId, "cutover");
                assertEquals(200, rerun.statusCode(), rerun.body());
                assertTrue(rerun.body().contains("\"attempt\":1"), rerun.body());
                assertEquals(List.of("completed"), runStates(fixture), "the same attempt completed; none abandoned or re-planned");
                assertEquals(2, fixture.sql.count("SELECT rows_changed FROM cutover_run WHERE migration_id = ?",
                        fixture.migrationId), "the run counts the rows Glance committed");
                assertRowsOnNew(fixture);
                String tag = fixture.migrationId + "-1";
                assertEquals(List.of("apply " + tag, "done apply " + tag + " "), commandSwitch.calls());
                FleetRoundTrip.everyNodePointsAtItsOwnFilesOnNew(fleet);

                HttpResponse<String> rollback = service.post(fixture.migrationId, "rollback");
                assertEquals(200, rollback.statusCode(), rollback.body());
                assertEquals(rowsBefore, fixture.locations(), "after the rollback every row is old");
                FleetRoundTrip.everyNodeHasItsConfigBack(fleet, nodesBefore);

                assertPublishedAsRecorded(fixture, List.of(EventRef.expected("cutover-started", 1),
                        EventRef.expected("cutover-completed", 1), EventRef.expected("cutover-rolled-back", 1)));
            } finally {
                commandSwitch.killWaiting();
                fleet.ensureOnOld(nodesBefore);
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

    private static boolean rowsAreOnNew(MigrationFixture fixture) {
        String newFsid = fixture.stack.fsid(LocalStack.Cluster.NEW);
        return fixture.locations().entrySet().stream().allMatch(e -> e.getValue().size() == 1
                && e.getValue().get(0).contains(fixture.locationOn(newFsid, e.getKey())));
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
        return DriverManager.getConnection(stack.ledgerJdbcUrl(), stack.get("GM_DB_USER"), stack.dbPassword());
    }

    /** Locks the image's live location row by its primary key: a record lock, no gap, nothing else held. */
    private static void lockLocationRow(Connection connection, MigrationFixture fixture, String imageId) throws Exception {
        String table = fixture.stack.glanceDatabase() + ".image_locations";
        long id = Long.parseLong(fixture.glanceRows.strings("SELECT id FROM " + table + " WHERE image_id = ? AND deleted = 0",
                imageId).get(0));
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM " + table + " WHERE id = ? FOR UPDATE")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "location " + id + " is there");
            }
        }
    }

    /** Locks the migration's run row (attempt 1) in the ledger: the journal's mark waits on it. */
    private static void lockRunRow(Connection connection, MigrationFixture fixture) throws Exception {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT state FROM cutover_run WHERE migration_id = ? AND attempt = 1 FOR UPDATE")) {
            select.setString(1, fixture.migrationId);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "the run is there");
            }
        }
    }

    /**
     * A session of Glance's writer user (which the service's Glance datasource uses; a user without the PROCESS
     * privilege sees only its own sessions) is running a statement on image_locations that locks rows: the
     * cutover's row-switch transaction, waiting on the test's lock.
     */
    private static boolean rowSwitchWaits(MigrationFixture fixture) {
        return !fixture.glanceRows.strings("SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query'"
                + " AND INFO LIKE '%image_locations%FOR UPDATE%' AND ID <> CONNECTION_ID()").isEmpty();
    }

    /** A session of the ledger's user is running the journal's mark (the move to db_switched), waiting on the test's lock. */
    private static boolean markWaits(MigrationFixture fixture) {
        return fixture.sql.count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query'"
                + " AND INFO LIKE 'UPDATE cutover_run SET state%' AND ID <> CONNECTION_ID()") > 0;
    }

}
