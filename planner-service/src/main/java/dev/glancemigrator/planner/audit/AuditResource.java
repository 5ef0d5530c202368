package dev.glancemigrator.planner.audit;

import dev.glancemigrator.api.NotFoundException;
import dev.glancemigrator.api.Problem;
import dev.glancemigrator.planner.api.MigrationIds;
import dev.glancemigrator.planner.api.Page;
import dev.glancemigrator.planner.api.Paging;
import dev.glancemigrator.planner.ledger.ImageTask;
import dev.glancemigrator.planner.status.MigrationStatuses;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail: every task, result and migration event, with its place in Kafka. */
@Path("/migrations")
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final Paging paging;

    public AuditResource(Paging paging) {
        this.paging = paging;
    }

    @GET
    @Path("/{id}/images/{imageId}/events")
    @Transactional
    @Operation(summary = "One image's history, paged, in the order the events occurred")
    @APIResponse(responseCode = "400", description = "page/size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such migration, or the image is not in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<AuditView> imageEvents(@PathParam("id") String id, @PathParam("imageId") String imageId,
            @Parameter(description = "page number, from 0", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("page") String page,
            @Parameter(description = "items per page", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("size") String size) {
        String migrationId = MigrationIds.check(id);
        Paging.Request request = paging.of(page, size);
        MigrationStatuses.find(migrationId);
        if (ImageTask.find(migrationId, imageId).isEmpty()) {
            throw new NotFoundException("image " + imageId + " is not in migration " + migrationId);
        }
        PanacheQuery<AuditEntry> query = AuditEntry.find("migrationId = ?1 and imageId = ?2",
                Sort.ascending("occurredAt").and("id"), migrationId, imageId);
        List<AuditView> items = query.page(request.page(), request.size()).list().stream().map(AuditView::of).toList();
        return new Page<>(request.page(), request.size(), query.count(), items);
    }

    @GET
    @Path("/{id}/events")
    @Transactional
    @Operation(summary = "Every event of the migration, paged, in the order the planner recorded them")
    @APIResponse(responseCode = "400", description = "page/size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such migration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<AuditView> events(@PathParam("id") String id,
            @Parameter(description = "page number, from 0", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("page") String page,
            @Parameter(description = "items per page", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("size") String size) {
        String migrationId = MigrationIds.check(id);
        Paging.Request request = paging.of(page, size);
        MigrationStatuses.find(migrationId);
        List<AuditView> items = AuditEntry.pageOfMigration(migrationId, request.page(), request.size()).stream()
                .map(AuditView::of).toList();
        return new Page<>(request.page(), request.size(), AuditEntry.count("migrationId", migrationId), items);
    }
}
