package dev.glancemigrator.planner.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns failures into a status and an {@link ApiError} that says what is wrong. */
public class ApiErrors {

    @ServerExceptionMapper
    public Response badInput(BadInputException e) {
        return answer(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return answer(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String where = e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                ? " at '" + mismatch.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining(".")) + "'"
                : "";
        String what = e instanceof InvalidFormatException ? "a value of the wrong type" : e.getOriginalMessage();
        return answer(Response.Status.BAD_REQUEST, "malformed JSON body" + where + ": " + what);
    }

    /** Named apart: Quarkus REST has a built-in mapper for this subtype that answers an empty 400. */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        return malformedJson(e);
    }

    /** JAX-RS's own refusals (unknown path, wrong method or media type) keep their status, with a message. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // Quarkus REST reports a body Jackson cannot read as a plain 400 with the parser's error as cause.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return malformedJson(json);
            }
        }
        int status = e.getResponse().getStatus();
        String message = e.getMessage() != null ? e.getMessage() : "HTTP " + status;
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(message)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        // The cause goes to the log, not to the caller: it may name hosts, users or SQL.
        Log.error("request failed", e);
        return answer(Response.Status.INTERNAL_SERVER_ERROR, "internal error; see the planner's log");
    }

    static Response answer(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(message)).build();
    }
}
