package dev.glancemigrator.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event carries first: its record's version, its identity, the migration and attempt it
 * belongs to, who emitted it and when. On the wire its fields stand at the top level of the event's
 * JSON, beside the event's own (see docs/events.md).
 *
 * @param attempt copy attempt for image events, plan run for {@link MigrationPlanned}, cutover run
 *                for cutover events
 */
public record EventHeader(int schemaVersion, UUID eventId, UUID migrationId, int attempt, String host,
        Instant occurredAt) {

    public EventHeader {
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("field 'schemaVersion' must be 1 or more, was " + schemaVersion);
        }
        Require.present(eventId, "eventId");
        Require.present(migrationId, "migrationId");
        if (attempt < 1) {
            throw new IllegalArgumentException("field 'attempt' must be 1 or more, was " + attempt);
        }
        Require.present(host, "host");
        Require.present(occurredAt, "occurredAt");
    }

    /** The header of an event emitted now: a new event id, the current time. */
    public static EventHeader now(int schemaVersion, UUID migrationId, int attempt, String host) {
        return new EventHeader(schemaVersion, UUID.randomUUID(), migrationId, attempt, host, Instant.now());
    }
}
