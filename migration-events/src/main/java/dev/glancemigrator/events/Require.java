package dev.glancemigrator.events;

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
}
