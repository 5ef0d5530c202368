package dev.glancemigrator.cutover.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the planner's ledger (tables migration and image_task) on a given connection. */
public final class LedgerReader {

    private LedgerReader() {
    }

    public static Optional<Migration> migration(Connection connection, String id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT id, source_cluster, source_fsid, source_pool,"
                + " target_cluster, target_fsid, target_pool FROM migration WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Migration(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7)));
            }
        }
    }

    /** Each image of the migration and its ledger state (verified, copying, out_of_scope, ...). */
    public static Map<String, String> imageStates(Connection connection, String migrationId) throws SQLException {
        Map<String, String> states = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT image_id, state FROM image_task WHERE migration_id = ? ORDER BY image_id")) {
            query.setString(1, migrationId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    states.put(row.getString(1), row.getString(2));
                }
            }
        }
        return states;
    }

    /** Each image of the migration with its source image and snapshot, in image id order. */
    public static List<ImageTask> tasks(Connection connection, String migrationId) throws SQLException {
        List<ImageTask> tasks = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT image_id, image_name, source_image,"
                + " source_snapshot, state FROM image_task WHERE migration_id = ? ORDER BY image_id")) {
            query.setString(1, migrationId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    tasks.add(new ImageTask(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5)));
                }
            }
        }
        return tasks;
    }
}
