package dev.glancemigrator.api;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Brings a service's tables in its default datasource up to date with its Flyway migrations before
 * anything reads them: this observer runs at {@code PLATFORM_BEFORE}, ahead of the Kafka consumers and
 * the scheduler, which start on the same event. A service declares its migrations with
 * {@code schema.location} and {@code schema.history-table}; one that declares none keeps no tables.
 *
 * <p>Flyway runs as a library rather than through quarkus-flyway, whose MySQL module cannot be resolved
 * from Maven Central for this Quarkus version. Each service names its own history table, so services
 * keeping tables in the same database (the planner's ledger, the cutover's journal) each have their own
 * history.
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);

    /** A service's migrations, from its configuration. */
    @ConfigMapping(prefix = "schema")
    public interface Declaration {

        /** Where the migrations are ({@code classpath:db/migration}); unset: the service keeps no tables. */
        Optional<String> location();

        /** Flyway's history table for them; one per service. */
        Optional<String> historyTable();
    }

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start, Declaration schema,
            Instance<DataSource> dataSource) {
        if (schema.location().isEmpty()) {
            return;
        }
        String location = schema.location().get();
        String table = schema.historyTable().orElseThrow(() -> new IllegalStateException(
                "schema.history-table must be set with schema.location (" + location + ")"));
        // The context class loader sees the service's own resources; this library's loader may not
        // (Quarkus tests load dependencies apart from the application).
        Flyway flyway = Flyway.configure(Thread.currentThread().getContextClassLoader())
                .dataSource(dataSource.get())
                .locations(location)
                .table(table)
                // The database may already hold other services' tables: start the history from nothing.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        LOG.infof("schema of %s at version %s (%d migrations applied now)", location,
                flyway.info().current().getVersion(), applied);
    }
}
