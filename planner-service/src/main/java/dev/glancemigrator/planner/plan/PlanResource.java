package dev.glancemigrator.planner.plan;

import dev.glancemigrator.api.Caller;
import dev.glancemigrator.api.Problem;
import dev.glancemigrator.planner.api.MigrationIds;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Planning: a new migration from Glance's inventory, and re-plans that add and skip the difference. */
@Path("/migrations")
@Tag(name = "plan")
@Produces(MediaType.APPLICATION_JSON)
// Either credential: the static bearer token, or a Keystone token.
@SecurityRequirement(name = "token")
@SecurityRequirement(name = "keystone")
public class PlanResource {

    private final PlanRequests requests;
    private final MigrationPlanner planner;
    private final Caller caller;

    public PlanResource(PlanRequests requests, MigrationPlanner planner, Caller caller) {
        this.requests = requests;
        this.planner = planner;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Plan a migration",
            description = "Inventories Glance's database and publishes one copy task per in-scope image, largest "
                    + "first. Images out of scope are listed with a reason and never touched.")
    @APIResponse(responseCode = "201", description = "Planned; Location names the migration",
            content = @Content(schema = @Schema(implementation = PlanRun.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, unknown cluster or fsid, same source and target",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No credentials, or a Keystone token that is not valid")
    @APIResponse(responseCode = "403", description = "A wrong bearer token, or a Keystone token without an admin role")
    @APIResponse(responseCode = "503", description = "Keystone does not answer: the token cannot be validated now")
    public Response plan(PlanRequest request, @Context UriInfo uri) {
        SourcePool source = requests.source(request);
        TargetPool target = requests.target(request, source);
        PlanRun run = planner.plan(source, target, caller.required());
        return Response.created(uri.getAbsolutePathBuilder().path(run.migrationId()).build()).entity(run).build();
    }

    @POST
    @Path("/{id}/replan")
    @Operation(summary = "Re-plan the difference",
            description = "Compares the ledger with Glance's database now: new images get tasks, images deleted "
                    + "in Glance since are skipped (their copies remain, listed for cleanup), the rest stays.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PlanRun.class)))
    @APIResponse(responseCode = "400", description = "Not a migration id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No credentials, or a Keystone token that is not valid")
    @APIResponse(responseCode = "403", description = "A wrong bearer token, or a Keystone token without an admin role")
    @APIResponse(responseCode = "503", description = "Keystone does not answer: the token cannot be validated now")
    @APIResponse(responseCode = "404", description = "No such migration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PlanRun replan(@PathParam("id") String id) {
        String migrationId = MigrationIds.check(id);
        return planner.replan(migrationId, caller.required());
    }
}
