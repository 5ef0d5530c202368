package dev.glancemigrator.verifier.glance;

import dev.glancemigrator.verifier.VerifierConfig;
import dev.glancemigrator.worker.readiness.Dependency;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Glance's database as a dependency of the verifier: a verdict needs the hash Glance recorded, so
 * while the database does not answer the verifier takes no copies and holds the ones in hand.
 */
@ApplicationScoped
public class GlanceDatabase implements Dependency {

    static final String NAME = "glance-database";

    private final AgroalDataSource glance;
    private final int timeoutSeconds;

    GlanceDatabase(AgroalDataSource glance, VerifierConfig config) {
        this.glance = glance;
        this.timeoutSeconds = Math.toIntExact(Math.max(1, config.databaseTimeout().toSeconds()));
    }

    @Override
    public Map<String, String> problems() {
        // A query, not isValid(): a failed query marks a pooled connection broken, so the pool
        // replaces it instead of handing it out again after the database is back.
        try (Connection db = glance.getConnection(); Statement probe = db.createStatement()) {
            probe.setQueryTimeout(timeoutSeconds);
            probe.execute("SELECT 1");
            return Map.of();
        } catch (SQLException e) {
            // The driver's message names the host and port at most, never the password.
            return Map.of(NAME, "does not answer: " + e.getMessage());
        }
    }
}
