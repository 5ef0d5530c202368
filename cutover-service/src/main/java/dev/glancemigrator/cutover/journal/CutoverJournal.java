package dev.glancemigrator.cutover.journal;

import static dev.glancemigrator.cutover.journal.UtcColumns.instant;
import static dev.glancemigrator.cutover.journal.UtcColumns.utc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glancemigrator.cutover.plan.LocationChange;
import dev.glancemigrator.events.Actor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cutover's own tables (cutover_run, cutover_journal) on a caller's connection to the ledger, so that
 * a caller can put a journal change and its event (the outbox) in one transaction. Glance's rows are
 * another database, perhaps on another server: the journal records every row before it changes, so a
 * re-run can tell from Glance's rows how far a run got. Times are UTC ({@link UtcColumns}).
 */
public final class CutoverJournal {

    private static final String RUN_COLUMNS = "migration_id, attempt, kind, operator, state, source_fsid, source_pool,"
            + " target_cluster, target_fsid, target_pool, switch_kind, config_backup, rows_journaled, rows_changed,"
            + " rows_restored, message, started_at, db_switched_at, config_switched_at, completed_at, rolled_back_at, actor";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);

    private CutoverJournal() {
    }

    public static List<CutoverRun> runs(Connection connection, String migrationId) throws SQLException {
        List<CutoverRun> runs = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + RUN_COLUMNS + " FROM cutover_run WHERE migration_id = ? ORDER BY attempt")) {
            query.setString(1, migrationId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    runs.add(run(row));
                }
            }
        }
        return runs;
    }

    public static Optional<CutoverRun> latest(Connection connection, String migrationId) throws SQLException {
        List<CutoverRun> runs = runs(connection, migrationId);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }

    public static void insert(Connection connection, CutoverRun run) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cutover_run (" + RUN_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 0;
            insert.setString(++i, run.migrationId());
            insert.setInt(++i, run.attempt());
            insert.setString(++i, run.kind().column());
            insert.setString(++i, run.operator());
            insert.setString(++i, run.state().column());
            insert.setString(++i, run.sourceFsid());
            insert.setString(++i, run.sourcePool());
            insert.setString(++i, run.targetCluster());
            insert.setString(++i, run.targetFsid());
            insert.setString(++i, run.targetPool());
            insert.setString(++i, run.switchKind());
            insert.setString(++i, run.configBackup());
            insert.setInt(++i, run.rowsJournaled());
            insert.setObject(++i, run.rowsChanged());
            insert.setObject(++i, run.rowsRestored());
            insert.setString(++i, truncate(run.message()));
            insert.setObject(++i, utc(run.startedAt()));
            insert.setObject(++i, utc(run.dbSwitchedAt()));
            insert.setObject(++i, utc(run.configSwitchedAt()));
            insert.setObject(++i, utc(run.completedAt()));
            insert.setObject(++i, utc(run.rolledBackAt()));
            insert.setString(++i, actor(run.actor()));
            insert.executeUpdate();
        }
    }

    public static void record(Connection connection, String migrationId, int attempt, List<LocationChange> changes)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cutover_journal (migration_id, attempt,"
                + " location_id, image_id, old_value, new_value, old_meta_data, new_meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (LocationChange change : changes) {
                insert.setString(1, migrationId);
                insert.setInt(2, attempt);
                insert.setLong(3, change.locationId());
                insert.setString(4, change.imageId());
                insert.setString(5, change.oldValue());
                insert.setString(6, change.newValue());
                insert.setString(7, change.oldMetaData());
                insert.setString(8, change.newMetaData());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public static List<LocationChange> entries(Connection connection, String migrationId, int attempt) throws SQLException {
        List<LocationChange> entries = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT location_id, image_id, old_value, new_value,"
                + " old_meta_data, new_meta_data FROM cutover_journal WHERE migration_id = ? AND attempt = ? ORDER BY location_id")) {
            query.setString(1, migrationId);
            query.setInt(2, attempt);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    entries.add(new LocationChange(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5), row.getString(6)));
                }
            }
        }
        return entries;
    }

    /** Moves a run to {@code state}, stamping {@code stampColumn} (may be null) with now. */
    public static void transition(Connection connection, String migrationId, int attempt, RunState state,
            String stampColumn, String message) throws SQLException {
        String stamp = stampColumn == null ? "" : ", " + stampColumn + " = ?";
        try (PreparedStatement update = connection.prepareStatement("UPDATE cutover_run SET state = ?, message = ?" + stamp
                + " WHERE migration_id = ? AND attempt = ?")) {
            int i = 0;
            update.setString(++i, state.column());
            update.setString(++i, truncate(message));
            if (stampColumn != null) {
                update.setObject(++i, utc(Instant.now()));
            }
            update.setString(++i, migrationId);
            update.setInt(++i, attempt);
            update.executeUpdate();
        }
    }

    /**
     * Moves a run from {@code from} to {@code to} (stamping {@code stampColumn}, may be null) only if it is still in
     * {@code from}; false when it is not (another instance moved it meanwhile).
     */
    public static boolean transitionFrom(Connection connection, String migrationId, int attempt, RunState from, RunState to,
            String stampColumn, String message) throws SQLException {
        String stamp = stampColumn == null ? "" : ", " + stampColumn + " = ?";
        try (PreparedStatement update = connection.prepareStatement("UPDATE cutover_run SET state = ?, message = ?" + stamp
                + " WHERE migration_id = ? AND attempt = ? AND state = ?")) {
            int i = 0;
            update.setString(++i, to.column());
            update.setString(++i, truncate(message));
            if (stampColumn != null) {
                update.setObject(++i, utc(Instant.now()));
            }
            update.setString(++i, migrationId);
            update.setInt(++i, attempt);
            update.setString(++i, from.column());
            return update.executeUpdate() == 1;
        }
    }

    public static void set(Connection connection, String migrationId, int attempt, String column, Object value)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE cutover_run SET " + column + " = ?"
                + " WHERE migration_id = ? AND attempt = ?")) {
            update.setObject(1, value);
            update.setString(2, migrationId);
            update.setInt(3, attempt);
            update.executeUpdate();
        }
    }

    private static CutoverRun run(ResultSet row) throws SQLException {
        return new CutoverRun(row.getString(1), row.getInt(2), RunKind.of(row.getString(3)), row.getString(4),
                RunState.of(row.getString(5)), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                row.getString(10), row.getString(11), row.getString(12), row.getInt(13), (Integer) row.getObject(14),
                (Integer) row.getObject(15), row.getString(16), instant(row, 17), instant(row, 18), instant(row, 19),
                instant(row, 20), instant(row, 21), actor(row.getString(22)));
    }

    static String actor(Actor actor) throws SQLException {
        try {
            return actor == null ? null : JSON.writeValueAsString(actor);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot write the run's actor", e);
        }
    }

    static Actor actor(String json) throws SQLException {
        try {
            return json == null ? null : JSON.readValue(json, Actor.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("the run's actor in the journal is not valid: " + e.getOriginalMessage(), e);
        }
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 2000 ? message : message.substring(0, 2000);
    }

}
