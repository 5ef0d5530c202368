package dev.glancemigrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The failures every service answers alike, each as a {@link Problem}. A service maps its own exceptions
 * beside these (the most specific mapper wins), through {@link Problem} too.
 */
public class ProblemMappers {

    /** How long a caller refused during an outage (the database, Keystone) should wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final String service;

    ProblemMappers(@ConfigProperty(name = "quarkus.application.name") String service) {
        this.service = service;
    }

    @ServerExceptionMapper
    public Response badInput(BadInputException e) {
        return Problem.of(Response.Status.BAD_REQUEST, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return Problem.of(Response.Status.BAD_REQUEST, malformedJsonDetail(e)).toResponse();
    }

    /** Named apart: Quarkus REST has a built-in mapper for this subtype that answers an empty 400. */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        return malformedJson(e);
    }

    /**
     * JAX-RS's own refusals (unknown path, wrong method or media type) keep their status and headers
     * ({@code Allow}, {@code WWW-Authenticate}), with a problem as body.
     */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // Quarkus REST reports a body Jackson cannot read as a plain 400 with the parser's error as cause.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return malformedJson(json);
            }
        }
        Response refusal = e.getResponse();
        String detail = e.getMessage() != null ? e.getMessage() : "HTTP " + refusal.getStatus();
        return Response.fromResponse(refusal).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(refusal.getStatusInfo(), detail)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (DatabaseOutage.causedBy(e)) {
            // An outage, not a bug: the caller may try again; one line in the log is enough.
            LOG.warnf("request refused: the database does not answer (%s)", e.getMessage());
            return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                    "the database does not answer; try again shortly").toResponse())
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        // The cause goes to the log, not to the caller: it may name hosts, users or SQL.
        LOG.error("request failed", e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal error; see the log of " + service)
                .toResponse();
    }

    /** Every problem names the request it answers, whichever mapper or filter wrote it. */
    @ServerResponseFilter
    public void nameTheRequest(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && problem.instance() == null) {
            response.setEntity(problem.at(URI.create(request.getUriInfo().getRequestUri().getRawPath())));
        }
    }

    /** Where in the body (the field path) and what is wrong there. */
    static String malformedJsonDetail(JsonProcessingException e) {
        String where = e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                ? " at '" + mismatch.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining(".")) + "'"
                : "";
        String what = e instanceof InvalidFormatException ? "a value of the wrong type" : e.getOriginalMessage();
        return "malformed JSON body" + where + ": " + what;
    }
}
