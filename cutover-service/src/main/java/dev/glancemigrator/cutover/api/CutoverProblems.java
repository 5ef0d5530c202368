package dev.glancemigrator.cutover.api;

import dev.glancemigrator.api.Problem;
import dev.glancemigrator.api.ProblemMappers;
import dev.glancemigrator.cutover.ceph.ClusterUnreachableException;
import dev.glancemigrator.cutover.run.CutoverConflictException;
import dev.glancemigrator.cutover.run.CutoverPausedException;
import dev.glancemigrator.cutover.run.CutoverStepException;
import dev.glancemigrator.cutover.run.UnknownMigrationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The cutover's own failures as problems; service-api's mappers answer the rest. */
public class CutoverProblems {

    /**
     * A cutover or rollback that cannot run now; {@code blockers} lists each failing precondition, {@code holder}
     * names the instance running another one (host, purpose, since, lease until).
     */
    static final URI CONFLICT = URI.create("tag:glancemigrator.dev,2026:problem:cutover-conflict");

    private static final Logger LOG = Logger.getLogger(CutoverProblems.class);

    @ServerExceptionMapper
    public Response unknown(UnknownMigrationException e) {
        return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(CutoverConflictException e) {
        Problem problem = Problem.of(Response.Status.CONFLICT, e.getMessage())
                .ofType(CONFLICT, "The cutover cannot run now")
                .with("blockers", e.blockers());
        return (e.holder() == null ? problem : problem.with("holder", e.holder())).toResponse();
    }

    /** A cluster that does not answer (or is not the one configured): no answer rather than a wrong one. */
    @ServerExceptionMapper
    public Response unreachable(ClusterUnreachableException e) {
        LOG.warnf("request refused: %s", e.getMessage());
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage() + "; try again shortly").toResponse();
    }

    /** A run stopped by an outage (Keystone): left where it stopped, resumed by the same request once it is back. */
    @ServerExceptionMapper
    public Response paused(CutoverPausedException e) {
        LOG.warnf("request answered 503: %s", e.getMessage());
        return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()).toResponse())
                .header(HttpHeaders.RETRY_AFTER, ProblemMappers.RETRY_AFTER_SECONDS).build();
    }

    /** The message says which step failed and what to do; the cause (paths, commands) goes to the log. */
    @ServerExceptionMapper
    public Response step(CutoverStepException e) {
        LOG.error("cutover step failed", e);
        return Problem.of(Response.Status.BAD_GATEWAY, e.getMessage()).toResponse();
    }
}
