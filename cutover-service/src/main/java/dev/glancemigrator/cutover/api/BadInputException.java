package dev.glancemigrator.cutover.api;

/** A request the API cannot act on (400). */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
