package dev.glancemigrator.events;

import java.util.UUID;

/** Field checks shared by the records' constructors, so a decoded event is complete or rejected. */
final class Require {

    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + field + "'");
        }
        if (value instanceof String text && text.isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' is blank");
        }
        return value;
    }

    static long notNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException("field '" + field + "' is negative: " + value);
        }
        return value;
    }

    /** The checks every event shares: version, identity, attempt, origin and time. */
    static void header(int schemaVersion, UUID eventId, UUID migrationId, int attempt, String host,
            Object occurredAt) {
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("field 'schemaVersion' must be 1 or more, was " + schemaVersion);
        }
        present(eventId, "eventId");
        present(migrationId, "migrationId");
        if (attempt < 1) {
            throw new IllegalArgumentException("field 'attempt' must be 1 or more, was " + attempt);
        }
        present(host, "host");
        present(occurredAt, "occurredAt");
    }
}
