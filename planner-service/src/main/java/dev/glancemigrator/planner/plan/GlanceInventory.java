package dev.glancemigrator.planner.plan;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Glance's images and their location rows, read through the read-only user. One statement, so the
 * inventory is one consistent snapshot even while users upload or delete; its rows are streamed from
 * the server and handed over image by image, so a store of 100,000 images is never one list in memory.
 */
@ApplicationScoped
public class GlanceInventory {

    /** The order images are handed over in. */
    public enum Order {
        /** Largest first (the order copy tasks are published in), then by id. */
        LARGEST_FIRST("COALESCE(i.size, 0) DESC, CAST(i.id AS BINARY)"),
        /** By id, byte by byte: the ledger's order ({@code utf8mb4_bin}), for a walk beside it. */
        BY_ID("CAST(i.id AS BINARY)");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    private static final String IMAGES_WITH_LOCATIONS = """
            SELECT i.id, i.name, i.size, i.status, i.deleted,
                   l.id AS location_id, l.value, l.deleted AS location_deleted, l.status AS location_status
            FROM images i LEFT JOIN image_locations l ON l.image_id = i.id
            ORDER BY %s, l.id""";

    private final AgroalDataSource glance;

    public GlanceInventory(@DataSource("glance") AgroalDataSource glance) {
        this.glance = glance;
    }

    /** Hands every image of Glance's database to {@code each}, in {@code order}. */
    public void walk(Order order, Consumer<GlanceImage> each) {
        try (Connection connection = glance.getConnection();
                PreparedStatement statement = streaming(connection, IMAGES_WITH_LOCATIONS.formatted(order.sql));
                ResultSet rows = statement.executeQuery()) {
            ImageRows image = null;
            while (rows.next()) {
                String id = rows.getString("id");
                if (image == null || !image.id().equals(id)) {
                    if (image != null) {
                        each.accept(image.toImage());
                    }
                    long size = rows.getLong("size");
                    image = new ImageRows(id, rows.getString("name"), rows.wasNull() ? null : size,
                            rows.getString("status"), rows.getBoolean("deleted"), new ArrayList<>());
                }
                long locationId = rows.getLong("location_id");
                if (!rows.wasNull()) {
                    image.locations().add(new GlanceImage.Location(locationId, rows.getString("value"),
                            rows.getBoolean("location_deleted"), rows.getString("location_status")));
                }
            }
            if (image != null) {
                each.accept(image.toImage());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read Glance's database: " + e.getMessage(), e);
        }
    }

    /**
     * A statement whose rows the MySQL driver reads from the socket as they are consumed, instead of
     * buffering the whole result first (its signal is this fetch size on a forward-only, read-only one).
     */
    private static PreparedStatement streaming(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(Integer.MIN_VALUE);
        return statement;
    }

    private record ImageRows(String id, String name, Long size, String status, boolean deleted,
            List<GlanceImage.Location> locations) {

        GlanceImage toImage() {
            return new GlanceImage(id, name, size, status, deleted, locations);
        }
    }
}
