package dev.glancemigrator.cutover.rows;

import dev.glancemigrator.cutover.config.CutoverConfig;
import dev.glancemigrator.cutover.db.Galera;
import dev.glancemigrator.cutover.db.Transactions;
import dev.glancemigrator.cutover.plan.GlanceLocation;
import dev.glancemigrator.cutover.plan.GlanceLocations;
import dev.glancemigrator.cutover.plan.LocationChange;
import dev.glancemigrator.cutover.plan.LocationUrl;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Glance's location rows, through Glance's own datasource and writer user ({@code glance}: SELECT on
 * glance.*, UPDATE on glance.image_locations only). The ledger may be another server, so nothing here
 * shares a transaction with the journal: the journal records every row before they change, and a re-run
 * tells from the rows themselves whether Glance's transaction committed ({@link #compare}).
 *
 * <p>Reads that decide run with every Galera node's commits applied; writes are retried as a whole when
 * Galera aborts them at commit.
 */
@Singleton
public class GlanceRows {

    /** Row updates sent per JDBC batch. */
    private static final int REWRITE_BATCH = 1000;

    private final AgroalDataSource glance;
    private final Galera galera;
    private final GlanceLocations locations;

    GlanceRows(@DataSource("glance") AgroalDataSource glance, Galera galera, CutoverConfig config) {
        this.glance = glance;
        this.galera = galera;
        this.locations = new GlanceLocations(config.glance().database());
    }

    /** Every live rbd location now, as the preconditions judge them. */
    public List<GlanceLocation> liveRbd() throws SQLException {
        try (Connection connection = glance.getConnection()) {
            return galera.synced(connection, () -> locations.liveRbd(connection, false));
        }
    }

    /** The live locations still on the source pool: what a cutover left behind (an upload during the switch). */
    public List<GlanceLocation> onSource(String sourceFsid, String sourcePool) throws SQLException {
        return liveRbd().stream().filter(l -> isOn(l, sourceFsid, sourcePool)).toList();
    }

    /**
     * Rewrites every journaled row from its old to its new value in one transaction (one Galera writeset):
     * all or nothing. A live row on the source that is not journaled (an upload since the journal), or a
     * row that no longer holds its journaled value, aborts it with nothing changed.
     *
     * {@code beforeCommit} runs last inside the transaction: the caller's last word (its guard still held) before
     * the rows become visible; throwing rolls them back.
     *
     * @throws RowsChangedException when Glance's rows are not as journaled
     */
    public void switchRows(List<LocationChange> entries, String sourceFsid, String sourcePool, Runnable beforeCommit)
            throws SQLException {
        Set<Long> journaled = entries.stream().map(LocationChange::locationId).collect(Collectors.toSet());
        try (Connection connection = glance.getConnection()) {
            galera.retrying("rewriting " + entries.size() + " location rows", () -> galera.synced(connection,
                    () -> Transactions.inTransaction(connection, () -> {
                        List<String> strays = new ArrayList<>();
                        for (GlanceLocation location : locations.liveRbd(connection, true)) {
                            if (isOn(location, sourceFsid, sourcePool) && !journaled.contains(location.id())) {
                                strays.add(location.imageId());
                            }
                        }
                        if (!strays.isEmpty()) {
                            throw new RowsChangedException("images appeared on the source since the journal: " + strays);
                        }
                        int[] rewritten = rewrite(connection, entries, Direction.FORWARD);
                        for (int i = 0; i < rewritten.length; i++) {
                            if (rewritten[i] != 1) {
                                throw new RowsChangedException("location " + entries.get(i).locationId()
                                        + " changed since the journal");
                            }
                        }
                        beforeCommit.run();
                        return entries.size();
                    })));
        }
    }

    /** Puts back the old values of rows holding what the run wrote, in one transaction. */
    public RowRestore restore(List<LocationChange> entries) throws SQLException {
        try (Connection connection = glance.getConnection()) {
            return galera.retrying("restoring " + entries.size() + " location rows", () -> galera.synced(connection,
                    () -> Transactions.inTransaction(connection, () -> {
                        Map<Long, String> now = values(connection, entries);
                        List<LocationChange> notOld = entries.stream()
                                .filter(entry -> !entry.oldValue().equals(now.get(entry.locationId()))).toList();
                        int restored = Arrays.stream(rewrite(connection, notOld, Direction.BACK)).sum();
                        int alreadyOld = entries.size() - notOld.size();
                        return new RowRestore(restored, alreadyOld, entries.size() - restored - alreadyOld);
                    })));
        }
    }

    /** What the journaled rows hold now, with every node's commits seen. */
    public JournaledRows compare(List<LocationChange> entries) throws SQLException {
        try (Connection connection = glance.getConnection()) {
            Map<Long, String> now = galera.synced(connection, () -> values(connection, entries));
            int holdingNew = 0;
            int holdingOld = 0;
            List<Long> neither = new ArrayList<>();
            for (LocationChange entry : entries) {
                String value = now.get(entry.locationId());
                if (entry.newValue().equals(value)) {
                    holdingNew++;
                } else if (entry.oldValue().equals(value)) {
                    holdingOld++;
                } else {
                    neither.add(entry.locationId());
                }
            }
            return new JournaledRows(holdingNew, holdingOld, List.copyOf(neither));
        }
    }

    /** The live value of each journaled row (absent: deleted or pending_delete). */
    private Map<Long, String> values(Connection connection, List<LocationChange> entries) throws SQLException {
        Set<Long> ids = entries.stream().map(LocationChange::locationId).collect(Collectors.toSet());
        Map<Long, String> values = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id, value FROM " + locations.table()
                + " WHERE " + GlanceLocations.LIVE + " AND value LIKE 'rbd://%'")) {
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    if (ids.contains(row.getLong(1))) {
                        values.put(row.getLong(1), row.getString(2));
                    }
                }
            }
        }
        return values;
    }

    /** Which way a journaled row is rewritten. */
    private enum Direction { FORWARD, BACK }

    /**
     * Rewrites each row that still holds the value it is rewritten from; per row, how many rows changed (1, or 0
     * when the row holds something else or is no longer live). The statements go as JDBC batches, which the
     * driver sends many to a round trip ({@code rewriteBatchedStatements}): 100,000 rows one round trip each
     * took most of a cutover's row switch.
     */
    private int[] rewrite(Connection connection, List<LocationChange> entries, Direction direction) throws SQLException {
        int[] changed = new int[entries.size()];
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + locations.table()
                + " SET value = ?, meta_data = ? WHERE id = ? AND value = ? AND " + GlanceLocations.LIVE)) {
            for (int from = 0; from < entries.size(); from += REWRITE_BATCH) {
                int to = Math.min(from + REWRITE_BATCH, entries.size());
                for (LocationChange entry : entries.subList(from, to)) {
                    boolean forward = direction == Direction.FORWARD;
                    update.setString(1, forward ? entry.newValue() : entry.oldValue());
                    update.setString(2, forward ? entry.newMetaData() : entry.oldMetaData());
                    update.setLong(3, entry.locationId());
                    update.setString(4, forward ? entry.oldValue() : entry.newValue());
                    update.addBatch();
                }
                System.arraycopy(update.executeBatch(), 0, changed, from, to - from);
            }
        }
        return changed;
    }

    private static boolean isOn(GlanceLocation location, String fsid, String pool) {
        return LocationUrl.parse(location.value()).filter(url -> url.on(fsid, pool)).isPresent();
    }
}
