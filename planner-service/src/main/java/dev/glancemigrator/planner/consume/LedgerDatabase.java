package dev.glancemigrator.planner.consume;

import dev.glancemigrator.api.DatabaseProbe;
import dev.glancemigrator.planner.config.PlannerConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Whether the ledger's database answers now: what tells an outage from a record it refuses. */
@ApplicationScoped
public class LedgerDatabase {

    private final DatabaseProbe probe;

    LedgerDatabase(AgroalDataSource ledger, PlannerConfig config) {
        this.probe = new DatabaseProbe(ledger, config.consumers().databaseTimeout());
    }

    /** Empty when it answers; else why not. */
    public Optional<String> problem() {
        return probe.problem();
    }
}
