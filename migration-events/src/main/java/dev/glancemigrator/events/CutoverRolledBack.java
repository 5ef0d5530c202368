package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** Glance's config backups and journaled location values were restored: Glance reads the source again. */
public record CutoverRolledBack(
        @JsonUnwrapped EventHeader header,
        String operator,
        int locationRowsRestored) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    public CutoverRolledBack {
        present(header, "header");
        present(operator, "operator");
        notNegative(locationRowsRestored, "locationRowsRestored");
    }
}
