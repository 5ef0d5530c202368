package dev.glancemigrator.planner.plan;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /migrations}: what to copy from where to where. */
@Schema(description = "The source (a configured cluster name or its fsid, and a pool) and the target "
        + "(a configured cluster name and a pool)")
public record PlanRequest(Source source, Target target) {

    @Schema(description = "Name the cluster, give its fsid, or both (they must agree)")
    public record Source(
            @Schema(example = "old") String cluster,
            @Schema(example = "4c9d0f2b-2369-49dd-bb96-321d91babb6e") String fsid,
            @Schema(required = true, example = "images") String pool) {
    }

    public record Target(
            @Schema(required = true, example = "new") String cluster,
            @Schema(required = true, example = "images") String pool) {
    }
}
