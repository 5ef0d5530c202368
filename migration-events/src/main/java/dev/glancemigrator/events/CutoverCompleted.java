package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** Glance's config and location rows point at the target cluster, and Glance answered after restart. */
public record CutoverCompleted(
        @JsonUnwrapped EventHeader header,
        String operator,
        int locationRowsChanged,
        long durationMillis) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    public CutoverCompleted {
        present(header, "header");
        present(operator, "operator");
        notNegative(locationRowsChanged, "locationRowsChanged");
        notNegative(durationMillis, "durationMillis");
    }
}
