package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** Glance's config backups and journaled location values were restored: Glance reads the source again. */
public record CutoverRolledBack(
        @JsonUnwrapped EventHeader header,
        String operator,
        Actor actor,
        int locationRowsRestored) implements CutoverEvent {

    /** 2: {@code actor} added (version 1 reads with a null actor: unknown, {@code operator} alone). */
    public static final int SCHEMA_VERSION = 2;

    public CutoverRolledBack {
        present(header, "header");
        present(operator, "operator");
        Actor.checkNamed(actor, operator);
        notNegative(locationRowsRestored, "locationRowsRestored");
    }
}
