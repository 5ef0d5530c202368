package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The cutover stopped; {@code reason} is a short code, {@code message} says what to do next. */
public record CutoverFailed(
        @JsonUnwrapped EventHeader header,
        String operator,
        Actor actor,
        String reason,
        String message) implements CutoverEvent {

    /** 2: {@code actor} added (version 1 reads with a null actor: unknown, {@code operator} alone). */
    public static final int SCHEMA_VERSION = 2;

    public CutoverFailed {
        present(header, "header");
        present(operator, "operator");
        Actor.checkNamed(actor, operator);
        present(reason, "reason");
        present(message, "message");
    }
}
