package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.api.NotFoundException;
import dev.glancemigrator.api.Problem;
import dev.glancemigrator.planner.api.MigrationIds;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Repair on demand: merge what the kept topics say about a migration into its ledger and audit trail. */
@Path("/migrations")
@Tag(name = "reconcile")
@Produces(MediaType.APPLICATION_JSON)
// Either credential: the static bearer token, or a Keystone token.
@SecurityRequirement(name = "token")
@SecurityRequirement(name = "keystone")
public class ReconcileResource {

    private final Reconciler reconciler;
    private final LedgerAccess ledger;

    public ReconcileResource(Reconciler reconciler, LedgerAccess ledger) {
        this.reconciler = reconciler;
        this.ledger = ledger;
    }

    @POST
    @Path("/{id}/reconcile")
    @Operation(summary = "Reconcile the ledger and the audit trail with the kept topics",
            description = "Reads copy-tasks, copy-results, verify-results and migration-events from their beginning "
                    + "to their end now, and merges this migration's events the ledger or the audit trail lacks: "
                    + "reports are applied as the consumers apply them (by event id, once; per image in the order of "
                    + "its attempts), audit entries are added with their place in Kafka. Nothing else changes. "
                    + "Answers when done.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReconcileSummary.class)))
    @APIResponse(responseCode = "400", description = "Not a migration id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No credentials, or a Keystone token that is not valid")
    @APIResponse(responseCode = "403", description = "A wrong bearer token, or a Keystone token without an admin role")
    @APIResponse(responseCode = "404", description = "No such migration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A reconcile is running already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not answer, or Keystone does not answer (the token"
            + " cannot be validated now)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reconcile(@PathParam("id") String id) {
        String migrationId = MigrationIds.check(id);
        if (!ledger.exists(migrationId)) {
            throw new NotFoundException("no migration " + migrationId);
        }
        try {
            return reconciler.reconcile(Set.of(migrationId))
                    .map(summaries -> Response.ok(summaries.get(migrationId)).build())
                    .orElseGet(() -> Problem.of(Response.Status.CONFLICT,
                            "a reconcile is running already (the one after start-up, or another request); "
                                    + "try again when it is done").toResponse());
        } catch (KafkaException e) {
            // Kafka's own message names the broker or the topic at most; no credential.
            return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "cannot read the topics: " + e.getMessage())
                    .toResponse();
        }
    }
}
