package dev.glancemigrator.cutover.plan;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A precondition that does not hold, about one image (or the migration when imageId is null). */
@Schema(description = "What keeps the cutover from running")
public record Blocker(
        @Schema(enumeration = {"IMAGE_NOT_VERIFIED", "UNMIGRATED_LOCATION", "SNAPSHOT_MISSING", "SNAPSHOT_UNPROTECTED",
                "TARGET_UNREACHABLE", "TARGET_FSID_MISMATCH", "UNKNOWN_TARGET_CLUSTER"}) String code,
        String imageId,
        String detail) {
}
