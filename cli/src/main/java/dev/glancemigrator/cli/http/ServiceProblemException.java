package dev.glancemigrator.cli.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service answered with an error status: {@code problem} is its RFC 9457 body (or, from something that
 * is not one of our services, a stand-in built from the status and the body's start).
 */
public class ServiceProblemException extends RuntimeException {

    private final String service;
    private final int status;
    private final JsonNode problem;

    public ServiceProblemException(String service, int status, JsonNode problem) {
        super(service + " answered " + status + ": " + problem.path("detail").asText(""));
        this.service = service;
        this.status = status;
        this.problem = problem;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    public JsonNode problem() {
        return problem;
    }

    /** A refused cutover: 409 naming the preconditions that fail. */
    public boolean hasBlockers() {
        return problem.path("blockers").isArray() && !problem.path("blockers").isEmpty();
    }
}
