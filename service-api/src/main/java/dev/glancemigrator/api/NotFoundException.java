package dev.glancemigrator.api;

/**
 * The request names something the service does not have (HTTP 404); the message says what. Not JAX-RS's
 * exception of the same name, whose message is only the status line.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
