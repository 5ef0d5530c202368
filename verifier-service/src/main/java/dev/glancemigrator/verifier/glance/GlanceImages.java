package dev.glancemigrator.verifier.glance;

import dev.glancemigrator.verifier.verify.RecordedHash;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;

/** What Glance's database (read through a read-only user) says about an image. */
@ApplicationScoped
public class GlanceImages {

    /** The row's size and upload hash; both empty when Glance has no such image. */
    public record Recorded(OptionalLong size, Optional<RecordedHash> hash) {
    }

    private static final String QUERY = "SELECT size, os_hash_algo, os_hash_value, checksum FROM images WHERE id = ?";

    private final AgroalDataSource glance;

    GlanceImages(AgroalDataSource glance) {
        this.glance = glance;
    }

    public Recorded recorded(String imageId) {
        try (Connection db = glance.getConnection(); PreparedStatement query = db.prepareStatement(QUERY)) {
            query.setString(1, imageId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return new Recorded(OptionalLong.empty(), Optional.empty());
                }
                long size = row.getLong("size");
                OptionalLong recordedSize = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(size);
                return new Recorded(recordedSize, RecordedHash.of(row.getString("os_hash_algo"),
                        row.getString("os_hash_value"), row.getString("checksum")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read image " + imageId + " from Glance's database: " + e.getMessage(), e);
        }
    }
}
