package dev.glancemigrator.planner.plan;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What one plan run changed: the same counts as its {@code migration-planned} event. */
@Schema(description = "The delta of one plan run (the first plan, or a re-plan)")
public record PlanRun(
        String migrationId,
        @Schema(description = "1 for the first plan, one more per re-plan") int run,
        @Schema(description = "copy tasks published by this run") int tasksPublished,
        @Schema(description = "images newly listed as out of scope, with a reason") int imagesOutOfScope,
        @Schema(description = "planned images that left scope (deleted in Glance) since the last run")
        int imagesSkipped,
        @Schema(description = "bytes of the tasks published by this run") long bytesPlanned) {
}
