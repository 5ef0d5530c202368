package dev.glancemigrator.cutover.outbox;

import static dev.glancemigrator.cutover.journal.UtcColumns.instant;
import static dev.glancemigrator.cutover.journal.UtcColumns.utc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glancemigrator.events.CutoverEvent;
import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The cutover_outbox table on a caller's connection: an event is added inside the transaction that
 * makes it true (the journal, a run's move), so after a crash both are there or neither is, and the
 * relay publishes whatever is there. The event is stored encoded: every publication of it carries the
 * same bytes, hence the same eventId.
 */
public final class CutoverOutbox {

    private static final EventCodec CODEC = new EventCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    private CutoverOutbox() {
    }

    /** Adds the event in the caller's transaction (or on its own when the connection auto-commits). */
    public static void add(Connection connection, CutoverEvent event) throws SQLException {
        byte[] payload = CODEC.encode(event);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cutover_outbox (migration_id, attempt,"
                + " event_id, event_type, topic, record_key, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, event.migrationId().toString());
            insert.setInt(2, event.attempt());
            insert.setString(3, event.eventId().toString());
            insert.setString(4, type(payload));
            insert.setString(5, Topics.of(event));
            insert.setString(6, event.key());
            insert.setBytes(7, payload);
            insert.setObject(8, utc(Instant.now()));
            insert.executeUpdate();
        }
    }

    /** The oldest unsent entries, in the order they were written. */
    static List<OutboxEntry> unsent(Connection connection, int limit) throws SQLException {
        List<OutboxEntry> entries = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id, event_id, topic, record_key, payload"
                + " FROM cutover_outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?")) {
            query.setInt(1, limit);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    entries.add(new OutboxEntry(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getBytes(5)));
                }
            }
        }
        return entries;
    }

    static void markSent(Connection connection, long id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE cutover_outbox SET sent_at = ? WHERE id = ?")) {
            update.setObject(1, utc(Instant.now()));
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    static long countUnsent(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM cutover_outbox WHERE sent_at IS NULL");
                ResultSet row = query.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    /** A migration's events in the order they were recorded, each with when the broker took it (null: not yet). */
    public static List<RecordedEvent> of(Connection connection, String migrationId) throws SQLException {
        List<RecordedEvent> events = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT event_id, event_type, attempt, created_at, sent_at"
                + " FROM cutover_outbox WHERE migration_id = ? ORDER BY id")) {
            query.setString(1, migrationId);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    events.add(new RecordedEvent(row.getString(1), row.getString(2), row.getInt(3), instant(row, 4),
                            instant(row, 5)));
                }
            }
        }
        return events;
    }

    /** The wire type ({@code cutover-started}, …) as the codec wrote it. */
    private static String type(byte[] payload) {
        try {
            return JSON.readTree(payload).path("type").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back an encoded event", e);
        }
    }
}
