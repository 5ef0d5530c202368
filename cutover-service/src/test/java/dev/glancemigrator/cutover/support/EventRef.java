package dev.glancemigrator.cutover.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** A cutover event reduced to what the tests compare: its id, type and attempt. */
public record EventRef(String eventId, String type, int attempt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event a test expects, whose id it cannot know. */
    public static EventRef expected(String type, int attempt) {
        return new EventRef(null, type, attempt);
    }

    /** The events without their ids, to compare with what a test expects. */
    public static List<EventRef> withoutIds(List<EventRef> events) {
        return events.stream().map(e -> expected(e.type(), e.attempt())).toList();
    }

    /** The events recorded in the service's outbox for the migration, in the order they were written. */
    public static List<EventRef> inOutbox(MigrationFixture fixture) {
        return fixture.sql.rows("SELECT event_id, event_type, attempt FROM cutover_outbox WHERE migration_id = ? ORDER BY id",
                fixture.migrationId).stream()
                .map(row -> new EventRef((String) row.get("event_id"), (String) row.get("event_type"),
                        ((Number) row.get("attempt")).intValue()))
                .toList();
    }

    public static long unsent(MigrationFixture fixture) {
        return fixture.sql.count("SELECT COUNT(*) FROM cutover_outbox WHERE migration_id = ? AND sent_at IS NULL",
                fixture.migrationId);
    }

    /** The events as published: each record's JSON read back. */
    public static List<EventRef> of(List<String> records) {
        return records.stream().map(EventRef::parse).toList();
    }

    private static EventRef parse(String json) {
        try {
            JsonNode event = JSON.readTree(json);
            return new EventRef(event.path("eventId").asText(), event.path("type").asText(), event.path("attempt").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
