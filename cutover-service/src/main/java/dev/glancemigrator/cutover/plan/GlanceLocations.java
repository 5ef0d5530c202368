package dev.glancemigrator.cutover.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Glance's live rbd locations, on a connection of Glance's own datasource (the writer user may SELECT
 * glance.* and UPDATE glance.image_locations; the ledger's user has no rights there). Rows with
 * {@code deleted = 1} or status {@code pending_delete} are never read, so never touched.
 */
public final class GlanceLocations {

    public static final String LIVE = "deleted = 0 AND status <> 'pending_delete'";

    private final String table;

    public GlanceLocations(String glanceDatabase) {
        this.table = glanceDatabase + ".image_locations";
    }

    public String table() {
        return table;
    }

    /** Every live location whose value is an rbd URL, in id order; {@code forUpdate} locks them. */
    public List<GlanceLocation> liveRbd(Connection connection, boolean forUpdate) throws SQLException {
        List<GlanceLocation> rows = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id, image_id, value, meta_data, status FROM "
                + table + " WHERE " + LIVE + " AND value LIKE 'rbd://%' ORDER BY id" + (forUpdate ? " FOR UPDATE" : ""))) {
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(new GlanceLocation(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5)));
                }
            }
        }
        return rows;
    }
}
