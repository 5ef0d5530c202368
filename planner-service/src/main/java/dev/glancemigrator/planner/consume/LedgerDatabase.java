package dev.glancemigrator.planner.consume;

import dev.glancemigrator.planner.config.PlannerConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
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
        try (Connection db = ledger.getConnection()) {
            return db.isValid(timeoutSeconds) ? Optional.empty() : Optional.of("the connection is not valid");
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }
}
