package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The cutover stopped; {@code reason} is a short code, {@code message} says what to do next. */
public record CutoverFailed(
        @JsonUnwrapped EventHeader header,
        String operator,
        String reason,
        String message) implements CutoverEvent {

    public static final int SCHEMA_VERSION = 1;

    public CutoverFailed {
        present(header, "header");
        present(operator, "operator");
        present(reason, "reason");
        present(message, "message");
    }
}
