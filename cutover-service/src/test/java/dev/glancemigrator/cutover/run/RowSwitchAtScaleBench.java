package dev.glancemigrator.cutover.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.cutover.config.CutoverConfig;
import dev.glancemigrator.cutover.guard.Guards;
import dev.glancemigrator.cutover.guard.Lease;
import dev.glancemigrator.cutover.journal.CutoverJournal;
import dev.glancemigrator.cutover.journal.CutoverRun;
import dev.glancemigrator.cutover.journal.RunKind;
import dev.glancemigrator.cutover.journal.RunState;
import dev.glancemigrator.cutover.plan.GlanceLocation;
import dev.glancemigrator.cutover.plan.LedgerReader;
import dev.glancemigrator.cutover.plan.LocationPlan;
import dev.glancemigrator.cutover.plan.LocationPlanner;
import dev.glancemigrator.cutover.plan.Migration;
import dev.glancemigrator.cutover.plan.SnapshotCheck;
import dev.glancemigrator.cutover.rows.GlanceRows;
import dev.glancemigrator.cutover.rows.RowRestore;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the row switch of {@code bench/scale.sh}, at the scale it makes with SQL (100,000 location
 * rows of one migration, all verified in the ledger). It drives the beans the service runs — the cutover
 * guard, the journal, the one-transaction rewrite of Glance's rows, their restore — on those rows. Only
 * the target's snapshots are taken as there (the bench makes rows, not 100,000 snapshots), by handing
 * the location planner a check that says so. Tagged {@code bench}: never part of {@code mvn verify}.
 *
 * <p>System properties: {@code bench.migration} (the migration id), {@code bench.out} (a file the
 * figures are written to, one {@code name seconds} a line).
 */
@QuarkusTest
@Tag("bench")
class RowSwitchAtScaleBench {

    @Inject
    AgroalDataSource ledger;

    @Inject
    GlanceRows rows;

    @Inject
    RowSwitch rowSwitch;

    @Inject
    Guards guards;

    @Inject
    CutoverConfig config;

    @Test
    void switchesAndRestoresEveryRowOfTheMigration() throws Exception {
        String migrationId = System.getProperty("bench.migration");
        Path out = Path.of(System.getProperty("bench.out"));
        StringBuilder figures = new StringBuilder();
        try (Connection connection = ledger.getConnection();
                Lease lease = guards.take(Guards.CUTOVER, "bench/scale.sh row switch")) {
            Migration migration = LedgerReader.migration(connection, migrationId).orElseThrow();
            String targetFsid = config.clusters().get(migration.targetCluster()).fsid();

            long started = System.nanoTime();
            Map<String, String> states = LedgerReader.imageStates(connection, migrationId);
            List<GlanceLocation> live = rows.liveRbd();
            LocationPlan plan = new LocationPlanner(config.glance().targetStore().orElse(config.glance().store()))
                    .plan(migration, targetFsid, states, live, (image, snapshot) -> SnapshotCheck.Result.READY);
            started = lap(figures, "plan", started);
            assertTrue(plan.ready(), "blockers: " + plan.blockers().stream().limit(5).toList());

            int attempt = CutoverJournal.latest(connection, migrationId).map(r -> r.attempt() + 1).orElse(1);
            CutoverRun run = new CutoverRun(migrationId, attempt, RunKind.FULL, "bench", RunState.JOURNALED,
                    migration.sourceFsid(), migration.sourcePool(), migration.targetCluster(), targetFsid,
                    migration.targetPool(), "none", null, plan.changes().size(), null, null, null, Instant.now(), null,
                    null, null, null);
            rowSwitch.journal(connection, run, plan.changes());
            started = lap(figures, "journal", started);
            rowSwitch.switchRows(connection, migration, run, lease);
            started = lap(figures, "rewrite", started);

            RowRestore restored = rows.restore(CutoverJournal.entries(connection, migrationId, attempt));
            CutoverJournal.transition(connection, migrationId, attempt, RunState.ROLLED_BACK, "rolled_back_at",
                    "bench/scale.sh: rows put back");
            lap(figures, "restore", started);
            figures.append("rows ").append(plan.changes().size()).append('\n');
            assertEquals(plan.changes().size(), restored.restored(), "every row put back");
        } finally {
            Files.writeString(out, figures);
        }
    }

    private static long lap(StringBuilder figures, String name, long since) {
        long now = System.nanoTime();
        figures.append(name).append(' ').append(String.format("%.3f", (now - since) / 1e9)).append('\n');
        return now;
    }
}
