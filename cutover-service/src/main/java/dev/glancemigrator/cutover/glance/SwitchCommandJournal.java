package dev.glancemigrator.cutover.glance;

import static dev.glancemigrator.cutover.journal.UtcColumns.instant;
import static dev.glancemigrator.cutover.journal.UtcColumns.utc;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps each run of the switch command in {@code cutover_switch_command}, in a transaction of its own:
 * the record of a failed run must survive the failure it explains.
 */
@ApplicationScoped
public class SwitchCommandJournal implements SwitchCommandRuns {

    private static final Logger LOG = Logger.getLogger(SwitchCommandJournal.class);
    /** A switch's tag is {@code <migration id>-<attempt>} (the migration id is a UUID, hyphens and all). */
    private static final char ATTEMPT_SEPARATOR = '-';

    private final AgroalDataSource ledger;

    SwitchCommandJournal(AgroalDataSource ledger) {
        this.ledger = ledger;
    }

    @Override
    public void record(String tag, String action, Integer exitCode, String outputTail, Instant started, Instant ended) {
        int split = tag == null ? -1 : tag.lastIndexOf(ATTEMPT_SEPARATOR);
        if (split < 0) {
            LOG.warnf("the switch command (%s) ran for a switch without a tag; its run is logged only", action);
            return;
        }
        try (Connection connection = ledger.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO cutover_switch_command (migration_id,"
                        + " attempt, action, exit_code, output_tail, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, tag.substring(0, split));
            insert.setInt(2, Integer.parseInt(tag.substring(split + 1)));
            insert.setString(3, action);
            insert.setObject(4, exitCode);
            insert.setString(5, outputTail);
            insert.setObject(6, utc(started));
            insert.setObject(7, utc(ended));
            insert.executeUpdate();
        } catch (SQLException | NumberFormatException e) {
            // The switch's outcome does not depend on its record: the log keeps it (redacted) either way.
            LOG.errorf("cannot keep the run of the switch command (%s) in the journal: %s", action, e.getMessage());
        }
    }

    /** Every run of the switch command for the migration, in the order they ran (for its cutover status). */
    public static List<SwitchCommandRun> of(Connection connection, String migrationId) throws SQLException {
        List<SwitchCommandRun> runs = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT attempt, action, exit_code, output_tail,"
                + " started_at, ended_at FROM cutover_switch_command WHERE migration_id = ? ORDER BY id")) {
            query.setString(1, migrationId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    runs.add(new SwitchCommandRun(row.getInt(1), row.getString(2), (Integer) row.getObject(3), row.getString(4),
                            instant(row, 5), instant(row, 6)));
                }
            }
        }
        return runs;
    }
}
