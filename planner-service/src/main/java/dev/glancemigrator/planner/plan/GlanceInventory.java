package dev.glancemigrator.planner.plan;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Glance's images and their location rows, read through the read-only user. One statement, so the
 * inventory is one consistent snapshot even while users upload or delete.
 */
@ApplicationScoped
public class GlanceInventory {

    private static final String IMAGES_WITH_LOCATIONS = """
            SELECT i.id, i.name, i.size, i.status, i.deleted,
                   l.id AS location_id, l.value, l.deleted AS location_deleted, l.status AS location_status
            FROM images i LEFT JOIN image_locations l ON l.image_id = i.id
            ORDER BY i.id, l.id""";

    private final AgroalDataSource glance;

    public GlanceInventory(@DataSource("glance") AgroalDataSource glance) {
        this.glance = glance;
    }

    public List<GlanceImage> images() {
        try (Connection connection = glance.getConnection();
                PreparedStatement statement = connection.prepareStatement(IMAGES_WITH_LOCATIONS);
                ResultSet rows = statement.executeQuery()) {
            Map<String, ImageRows> images = new LinkedHashMap<>();
            while (rows.next()) {
                String id = rows.getString("id");
                ImageRows image = images.get(id);
                if (image == null) {
                    long size = rows.getLong("size");
                    image = new ImageRows(id, rows.getString("name"), rows.wasNull() ? null : size,
                            rows.getString("status"), rows.getBoolean("deleted"), new ArrayList<>());
                    images.put(id, image);
                }
                long locationId = rows.getLong("location_id");
                if (!rows.wasNull()) {
                    image.locations().add(new GlanceImage.Location(locationId, rows.getString("value"),
                            rows.getBoolean("location_deleted"), rows.getString("location_status")));
                }
            }
            return images.values().stream().map(ImageRows::toImage).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read Glance's database: " + e.getMessage(), e);
        }
    }

    private record ImageRows(String id, String name, Long size, String status, boolean deleted,
            List<GlanceImage.Location> locations) {

        GlanceImage toImage() {
            return new GlanceImage(id, name, size, status, deleted, locations);
        }
    }
}
