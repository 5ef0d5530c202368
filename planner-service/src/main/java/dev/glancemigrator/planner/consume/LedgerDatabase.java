package dev.glancemigrator.planner.consume;

import dev.glancemigrator.planner.config.PlannerConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** Whether the ledger's database answers now: what tells an outage from a record it refuses. */
@ApplicationScoped
public class LedgerDatabase {

    private final AgroalDataSource ledger;
    private final int timeoutSeconds;

    LedgerDatabase(AgroalDataSource ledger, PlannerConfig config) {
        this.ledger = ledger;
        this.timeoutSeconds = Math.toIntExact(Math.max(1, config.consumers().databaseTimeout().toSeconds()));
    }

    /** Empty when it answers; else why not (the driver names host and port at most, never a password). */
    public Optional<String> problem() {
        // A query, not isValid(): a failed query marks a pooled connection broken, so the pool
        // replaces it instead of handing it out again after the database is back.
        try (Connection db = ledger.getConnection(); Statement probe = db.createStatement()) {
            probe.setQueryTimeout(timeoutSeconds);
            probe.execute("SELECT 1");
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }
}
