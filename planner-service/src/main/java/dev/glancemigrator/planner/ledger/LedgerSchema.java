package dev.glancemigrator.planner.ledger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the ledger's schema up to date with {@code db/migration} before anything reads it: this
 * observer runs ahead of the Kafka consumers and the scheduler, which start on the same event.
 *
 * <p>Flyway runs as a library rather than through quarkus-flyway (whose MySQL module cannot be
 * resolved from Maven Central for this Quarkus version). Its history table is the planner's own, so
 * another service keeping tables in the same database has its own history.
 */
@ApplicationScoped
public class LedgerSchema {

    static final String HISTORY_TABLE = "planner_schema_history";
    static final String LOCATION = "classpath:db/migration";

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start, AgroalDataSource ledger) {
        Flyway flyway = Flyway.configure(LedgerSchema.class.getClassLoader())
                .dataSource(ledger)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                // The database may already hold other services' tables: start the history from nothing.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        MigrateResult result = flyway.migrate();
        Log.infof("ledger schema at version %s (%d migrations applied now)", flyway.info().current().getVersion(),
                result.migrationsExecuted);
    }
}
