package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The preconditions held and the journal is written: Glance is about to be switched. */
public record CutoverStarted(
        @JsonUnwrapped EventHeader header,
        String operator,
        Actor actor,
        int locationRowsToChange) implements CutoverEvent {

    /** 2: {@code actor} added (version 1 reads with a null actor: unknown, {@code operator} alone). */
    public static final int SCHEMA_VERSION = 2;

    public CutoverStarted {
        present(header, "header");
        present(operator, "operator");
        Actor.checkNamed(actor, operator);
        notNegative(locationRowsToChange, "locationRowsToChange");
    }
}
