package dev.glancemigrator.cutover.api;

import dev.glancemigrator.cutover.run.CutoverConflictException;
import dev.glancemigrator.cutover.run.CutoverStepException;
import dev.glancemigrator.cutover.run.UnknownMigrationException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns failures into a status and an {@link ApiError}; causes go to the log, never to the caller. */
public class ApiErrors {

    @ServerExceptionMapper
    public Response badInput(BadInputException e) {
        return answer(Response.Status.BAD_REQUEST, new ApiError(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unknown(UnknownMigrationException e) {
        return answer(Response.Status.NOT_FOUND, new ApiError(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response conflict(CutoverConflictException e) {
        return answer(Response.Status.CONFLICT, new ApiError(e.getMessage(), e.blockers()));
    }

    @ServerExceptionMapper
    public Response step(CutoverStepException e) {
        Log.error("cutover step failed", e);
        return answer(Response.Status.BAD_GATEWAY, new ApiError(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(e.getMessage() != null ? e.getMessage() : "HTTP " + status)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.error("request failed", e);
        return answer(Response.Status.INTERNAL_SERVER_ERROR, new ApiError("internal error; see the cutover service's log"));
    }

    static Response answer(Response.Status status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
    }
}
