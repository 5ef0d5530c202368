package dev.glancemigrator.cutover.api;

import dev.glancemigrator.api.BadInputException;
import dev.glancemigrator.api.Caller;
import dev.glancemigrator.api.Problem;
import dev.glancemigrator.cutover.run.CutoverPlanView;
import dev.glancemigrator.cutover.run.CutoverResult;
import dev.glancemigrator.cutover.run.CutoverService;
import dev.glancemigrator.cutover.run.CutoverStatus;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** Cut a verified migration over to its target cluster, look at the journal, roll back. */
@Path("/migrations/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The static token: the content of the file cutover.api.token-file names")
@SecurityScheme(securitySchemeName = "keystone", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        apiKeyName = "X-Auth-Token", description = "A Keystone token ('openstack token issue'), when gm.keystone.auth-url"
                + " is set: reads need a reader (or admin) role, changes an admin role")
@SecurityRequirement(name = "token")
@SecurityRequirement(name = "keystone")
public class CutoverResource {

    private final CutoverService cutovers;
    private final Caller caller;

    CutoverResource(CutoverService cutovers, Caller caller) {
        this.cutovers = cutovers;
        this.caller = caller;
    }

    @POST
    @Path("/cutover")
    @Operation(summary = "Switch Glance to the migration's target cluster",
            description = "Re-checks the preconditions, journals the location rows, rewrites them in one transaction, "
                    + "switches Glance's config and restarts it. With dryRun=true: the exact plan, nothing changed. Needs an "
                    + "admin role (or the static token); the caller is the run's operator and the events' actor.")
    @APIResponse(responseCode = "200", description = "dry run: the plan (CutoverPlanView); otherwise: completed (CutoverResult)",
            content = @Content(schema = @Schema(oneOf = {CutoverPlanView.class, CutoverResult.class})))
    @APIResponse(responseCode = "400", description = "malformed migration id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "unknown migration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "a precondition fails (blockers listed), already cut over, or another run is active",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "Glance's config could not be written or Glance did not come back",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "an outage: the ledger or Glance's database, or Keystone (the caller's"
            + " token cannot be validated, or the Glance check cannot get the migrator's token). Nothing is failed: a run"
            + " that had started is left where it stopped and the same request resumes it (Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cutover(@PathParam("id") @Parameter(description = "migration id (UUID)") String id,
            @QueryParam("dryRun") @DefaultValue("false") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String dryRun) {
        String migration = migrationId(id);
        if (flag(dryRun)) {
            return Response.ok(cutovers.dryRun(migration)).build();
        }
        return Response.ok(cutovers.cutover(migration, caller.required())).build();
    }

    @POST
    @Path("/rollback")
    @Operation(summary = "Return Glance to the source cluster",
            description = "Restores the config backups, restarts Glance, and restores the journaled location values in one transaction."
                    + " Needs an admin role (or the static token); the caller is the events' actor.")
    @APIResponse(responseCode = "200", description = "rolled back", content = @Content(schema = @Schema(implementation = CutoverResult.class)))
    @APIResponse(responseCode = "404", description = "unknown migration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "nothing to roll back, or another run is active",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "an outage (the ledger, Glance's database, Keystone): the rollback is"
            + " left where it stopped and the same request resumes it (Retry-After)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CutoverResult rollback(@PathParam("id") String id) {
        return cutovers.rollback(migrationId(id), caller.required());
    }

    @GET
    @Path("/cutover")
    @Operation(summary = "The cutover journal: every attempt and the rows of the latest")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CutoverStatus.class)))
    @APIResponse(responseCode = "404", description = "unknown migration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CutoverStatus status(@PathParam("id") String id) {
        return cutovers.status(migrationId(id));
    }

    static String migrationId(String id) {
        try {
            UUID uuid = UUID.fromString(id);
            if (!uuid.toString().equalsIgnoreCase(id)) {
                throw new IllegalArgumentException();
            }
            return uuid.toString();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("malformed migration id '" + abbreviate(id) + "': expected a UUID");
        }
    }

    private static boolean flag(String value) {
        return switch (value.toLowerCase()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no", "" -> false;
            default -> throw new BadInputException("dryRun must be true or false, not '" + abbreviate(value) + "'");
        };
    }

    static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
