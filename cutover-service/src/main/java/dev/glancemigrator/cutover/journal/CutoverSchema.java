package dev.glancemigrator.cutover.journal;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.flywaydb.core.Flyway;

/**
 * Brings the cutover's tables up to date with {@code db/cutover} at start-up. Flyway runs as a library
 * (quarkus-flyway's MySQL module does not resolve for this Quarkus version), with its own history table
 * in the ledger database the planner shares.
 */
@ApplicationScoped
public class CutoverSchema {

    static final String HISTORY_TABLE = "cutover_schema_history";
    static final String LOCATION = "classpath:db/cutover";

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start, AgroalDataSource ledger) {
        Flyway flyway = Flyway.configure(CutoverSchema.class.getClassLoader())
                .dataSource(ledger)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        Log.infof("cutover schema at version %s (%d migrations applied now)", flyway.info().current().getVersion(), applied);
    }
}
