package dev.glancemigrator.planner.status;

import dev.glancemigrator.api.BadInputException;
import dev.glancemigrator.api.Problem;
import dev.glancemigrator.events.DependentClone;
import dev.glancemigrator.planner.api.MigrationIds;
import dev.glancemigrator.planner.api.Page;
import dev.glancemigrator.planner.api.Paging;
import dev.glancemigrator.planner.config.PlannerConfig;
import dev.glancemigrator.planner.ledger.ImageDependent;
import dev.glancemigrator.planner.ledger.ImageTask;
import dev.glancemigrator.planner.ledger.TaskState;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Status for the operator: every migration, one migration, its images, and the run manifest. */
@Path("/migrations")
@Tag(name = "status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    /** The YAML media type (RFC 9512). */
    static final String YAML = "application/yaml";

    private final MigrationStatuses statuses;
    private final Paging paging;
    private final PlannerConfig config;

    public StatusResource(MigrationStatuses statuses, Paging paging, PlannerConfig config) {
        this.statuses = statuses;
        this.paging = paging;
        this.config = config;
    }

    @GET
    @Operation(summary = "Every migration's status, newest first, paged")
    @APIResponse(responseCode = "400", description = "page/size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<MigrationStatus> list(
            @Parameter(description = "page number, from 0", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("page") String page,
            @Parameter(description = "items per page (planner.paging.default-size, at most planner.paging.max-size)",
                    schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("size") String size) {
        return statuses.page(paging.of(page, size));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One migration's status",
            description = "Counts per state, bytes total/copied/verified, current rate and ETA, copies in flight "
                    + "per host, failures with reasons, images stuck (with what each waits for).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MigrationStatus.class)))
    @APIResponse(responseCode = "400", description = "Not a migration id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such migration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MigrationStatus status(@PathParam("id") String id) {
        return statuses.of(MigrationIds.check(id));
    }

    @GET
    @Path("/{id}/images")
    @Transactional
    @Operation(summary = "The migration's images, paged, largest first; optionally only those in one state")
    @APIResponse(responseCode = "400", description = "Unknown state, or page/size out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such migration",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ImageView> images(@PathParam("id") String id,
            @Parameter(description = "planned, copying, copied, verifying, verified, failed, skipped or out_of_scope")
            @QueryParam("state") String state,
            @Parameter(description = "page number, from 0", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("page") String page,
            @Parameter(description = "items per page (planner.paging.default-size, at most planner.paging.max-size)",
                    schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("size") String size) {
        String migrationId = MigrationIds.check(id);
        Paging.Request request = paging.of(page, size);
        MigrationStatuses.find(migrationId);
        Sort order = Sort.descending("sizeBytes").and("imageId");
        PanacheQuery<ImageTask> query = state == null
                ? ImageTask.find("migrationId", order, migrationId)
                : ImageTask.find("migrationId = ?1 and state = ?2", order, migrationId, stateOf(state));
        List<ImageTask> tasks = query.page(request.page(), request.size()).list();
        Map<Long, List<DependentClone>> dependents = ImageDependent.of(
                tasks.stream().filter(t -> t.dependents > 0).map(t -> t.id).toList());
        List<ImageView> items = tasks.stream()
                .map(t -> ImageView.of(t, dependents.getOrDefault(t.id, List.of())))
                .toList();
        return new Page<>(request.page(), request.size(), query.count(), items);
    }

    @GET
    @Path("/{id}/manifest.yaml")
    @Produces(YAML)
    @Transactional
    @Operation(summary = "The migrated images in the first tool's state-file format, to diff runs",
            description = "update_date, then images: id, name, size_bytes (a string), migrated_at (when verified), "
                    + "original_deleted (deleted in Glance since).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = YAML))
    public StreamingOutput manifest(@PathParam("id") String id) {
        String migrationId = MigrationIds.check(id);
        MigrationStatuses.find(migrationId);
        Instant updateDate = Instant.now();
        int pageSize = config.paging().maxSize();
        // Streamed page by page, each page read in a transaction of its own: 100,000 images are
        // never in memory at once, nor one transaction held open for as long as the client reads.
        return output -> {
            Writer text = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            ManifestYaml yaml = new ManifestYaml(text, updateDate);
            List<ImageTask> page = List.of();
            ImageTask last = null;
            do {
                ImageTask after = last;
                page = QuarkusTransaction.requiringNew().call(() -> ImageTask.verifiedAfter(migrationId, after, pageSize));
                for (ImageTask task : page) {
                    yaml.add(new ManifestYaml.Entry(task.imageId, task.imageName, task.sizeBytes, task.verifiedAt,
                            task.state == TaskState.SKIPPED));
                    last = task;
                }
            } while (page.size() == pageSize);
            yaml.finish();
            text.flush();
        };
    }

    private static TaskState stateOf(String label) {
        return TaskState.fromLabel(label).orElseThrow(() ->
                new BadInputException("unknown state '" + label + "': one of " + TaskState.labels()));
    }
}
