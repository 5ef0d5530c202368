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
import java.util.Collections;
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

    /** Location rows one rewrite statement changes. */
    private static final int REWRITE_CHUNK = 500;

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

    /** The image names in {@code pool} on {@code fsid} that live locations reference now. */
    public Set<String> imagesOn(String fsid, String pool) throws SQLException {
        return liveRbd().stream().map(l -> LocationUrl.parse(l.value())).flatMap(java.util.Optional::stream)
                .filter(url -> url.on(fsid, pool)).map(LocationUrl::image).collect(Collectors.toSet());
    }

    /**
     * Whether a live location references {@code pool/image} on {@code fsid} now, with every node's commits seen:
     * asked immediately before the clean-up removes the image. The query narrows by the image's quoted name,
     * the parsed URL decides.
     */
    public boolean references(String fsid, String pool, String image) throws SQLException {
        try (Connection connection = glance.getConnection()) {
            return galera.synced(connection, () -> {
                try (PreparedStatement query = connection.prepareStatement("SELECT value FROM " + locations.table()
                        + " WHERE " + GlanceLocations.LIVE + " AND value LIKE ?")) {
                    query.setString(1, "rbd://%/" + LocationUrl.encode(image) + "/%");
                    try (ResultSet row = query.executeQuery()) {
                        while (row.next()) {
                            LocationUrl url = LocationUrl.parse(row.getString(1)).orElse(null);
                            if (url != null && url.on(fsid, pool) && url.image().equals(image)) {
                                return true;
                            }
                        }
                        return false;
                    }
                }
            });
        }
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
                        if (rewrite(connection, entries, Direction.FORWARD) != entries.size()) {
                            Map<Long, String> now = values(connection, entries);
                            LocationChange changed = entries.stream()
                                    .filter(entry -> !entry.newValue().equals(now.get(entry.locationId())))
                                    .findFirst().orElseThrow();
                            throw new RowsChangedException("location " + changed.locationId() + " changed since the journal");
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
                        int restored = rewrite(connection, notOld, Direction.BACK);
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
     * Rewrites each row that still holds the value it is rewritten from (and is live); returns how many did. One
     * statement per {@value #REWRITE_CHUNK} rows — {@code WHERE id IN (…)}, the values by {@code CASE id} — since
     * 100,000 statements of one row each took most of a cutover's row switch, while the server rewrites that many
     * rows in one statement in about a second.
     */
    private int rewrite(Connection connection, List<LocationChange> entries, Direction direction) throws SQLException {
        int rewritten = 0;
        for (int from = 0; from < entries.size(); from += REWRITE_CHUNK) {
            List<LocationChange> chunk = entries.subList(from, Math.min(from + REWRITE_CHUNK, entries.size()));
            String cases = " WHEN ? THEN ?".repeat(chunk.size());
            String ids = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + locations.table()
                    + " SET value = CASE id" + cases + " END, meta_data = CASE id" + cases + " END"
                    + " WHERE id IN (" + ids + ") AND value = CASE id" + cases + " END AND " + GlanceLocations.LIVE)) {
                boolean forward = direction == Direction.FORWARD;
                int i = 0;
                for (LocationChange entry : chunk) {
                    update.setLong(++i, entry.locationId());
                    update.setString(++i, forward ? entry.newValue() : entry.oldValue());
                }
                for (LocationChange entry : chunk) {
                    update.setLong(++i, entry.locationId());
                    update.setString(++i, forward ? entry.newMetaData() : entry.oldMetaData());
                }
                for (LocationChange entry : chunk) {
                    update.setLong(++i, entry.locationId());
                }
                for (LocationChange entry : chunk) {
                    update.setLong(++i, entry.locationId());
                    update.setString(++i, forward ? entry.oldValue() : entry.newValue());
                }
                rewritten += update.executeUpdate();
            }
        }
        return rewritten;
    }

    private static boolean isOn(GlanceLocation location, String fsid, String pool) {
        return LocationUrl.parse(location.value()).filter(url -> url.on(fsid, pool)).isPresent();
    }
}
