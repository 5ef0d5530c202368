package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The preconditions held and the journal is written: Glance is about to be switched. */
public record CutoverStarted(
        @JsonUnwrapped EventHeader header,
        String operator,
        int locationRowsToChange) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    public CutoverStarted {
        present(header, "header");
        present(operator, "operator");
        notNegative(locationRowsToChange, "locationRowsToChange");
    }
}
