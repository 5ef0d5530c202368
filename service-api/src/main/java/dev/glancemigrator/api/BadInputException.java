package dev.glancemigrator.api;

/** The request cannot be served as it is; the message tells the caller what to change (HTTP 400). */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }
}
