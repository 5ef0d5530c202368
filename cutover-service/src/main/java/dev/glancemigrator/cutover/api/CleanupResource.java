package dev.glancemigrator.cutover.api;

import dev.glancemigrator.api.BadInputException;
import dev.glancemigrator.api.Caller;
import dev.glancemigrator.api.Problem;
import dev.glancemigrator.cutover.cleanup.CleanupPlanView;
import dev.glancemigrator.cutover.cleanup.CleanupResult;
import dev.glancemigrator.cutover.cleanup.CleanupService;
import dev.glancemigrator.cutover.dependents.DependentsView;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** What depends on the source cluster, and the clean-up after a cutover: a plan, and an explicit apply on the target. */
@Path("/migrations/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
// Either credential: the static bearer token, or a Keystone token.
@SecurityRequirement(name = "token")
@SecurityRequirement(name = "keystone")
public class CleanupResource {

    /** The only part of a clean-up the tool applies itself. */
    static final String TARGET_LEFTOVERS = "target-leftovers";

    private final CleanupService cleanups;
    private final Caller caller;

    CleanupResource(CleanupService cleanups, Caller caller) {
        this.cleanups = cleanups;
        this.caller = caller;
    }

    @GET
    @Path("/dependents")
    @Operation(summary = "The clones on the source depending on the migration's images, listed live",
            description = "For every in-scope image, the clone children of its source snapshot in any pool (Nova's"
                    + " ephemeral disks, Cinder's volumes): they keep working after the cutover, but keep the source"
                    + " cluster from being retired.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DependentsView.class)))
    @APIResponse(responseCode = "404", description = "unknown migration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "the source cluster does not answer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DependentsView dependents(@PathParam("id") @Parameter(description = "migration id (UUID)") String id) {
        return cleanups.dependents(CutoverResource.migrationId(id));
    }

    @GET
    @Path("/cleanup-plan")
    @Operation(summary = "What may be cleaned up after the cutover, and the commands",
            description = "Source images safe to remove from the source cluster (copy verified, cut over, no clone"
                    + " children) with the operator's rbd commands, those kept and why; the migrator's own leftovers on"
                    + " the target. Changes nothing.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CleanupPlanView.class)))
    @APIResponse(responseCode = "404", description = "unknown migration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the migration's latest cutover did not complete, or was rolled back",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "a cluster does not answer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CleanupPlanView plan(@PathParam("id") @Parameter(description = "migration id (UUID)") String id) {
        return cleanups.plan(CutoverResource.migrationId(id));
    }

    @POST
    @Path("/cleanup")
    @Operation(summary = "Remove the migrator's own leftovers from the target",
            description = "Finds the target leftovers again, and removes each (staging images, manifest objects, copies"
                    + " carrying the copier's mark for this migration) only if no Glance location references it"
                    + " immediately before. Never an image without the mark; never anything on the source.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CleanupResult.class)))
    @APIResponse(responseCode = "400", description = "only is missing or not target-leftovers",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "unknown migration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "not cut over, a cutover or rollback is running, or no clean-up key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "the target cluster does not answer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CleanupResult apply(@PathParam("id") @Parameter(description = "migration id (UUID)") String id,
            @QueryParam("only") @Parameter(description = "what to remove: target-leftovers (the only value)", required = true,
                    schema = @Schema(enumeration = {TARGET_LEFTOVERS})) String only) {
        String migration = CutoverResource.migrationId(id);
        if (!TARGET_LEFTOVERS.equals(only)) {
            throw new BadInputException(only == null ? "only=target-leftovers is required: the tool removes nothing else"
                    : "only must be target-leftovers (the tool removes nothing else), not '"
                            + CutoverResource.abbreviate(only) + "'");
        }
        return cleanups.applyTargetLeftovers(migration, caller.required());
    }
}
