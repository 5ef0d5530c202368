package dev.glancemigrator.planner.api;

/** The request names something the planner does not have (HTTP 404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
