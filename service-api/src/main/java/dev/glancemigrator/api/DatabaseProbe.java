package dev.glancemigrator.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/** Whether a database answers now, within a bounded time: what tells an outage from a refusal. */
public final class DatabaseProbe {

    private final DataSource database;
    private final int timeoutSeconds;

    public DatabaseProbe(DataSource database, Duration timeout) {
        this.database = database;
        this.timeoutSeconds = Math.toIntExact(Math.max(1, timeout.toSeconds()));
    }

    /** Empty when it answers; else why not (the driver names host and port at most, never a password). */
    public Optional<String> problem() {
        // A query, not isValid(): a failed query marks a pooled connection broken, so the pool
        // replaces it instead of handing it out again after the database is back.
        try (Connection db = database.getConnection(); Statement probe = db.createStatement()) {
            probe.setQueryTimeout(timeoutSeconds);
            probe.execute("SELECT 1");
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }
}
