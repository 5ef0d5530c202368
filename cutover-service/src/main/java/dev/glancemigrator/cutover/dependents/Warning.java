package dev.glancemigrator.cutover.dependents;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Something the operator should know before a cutover that does not keep it from running. */
@Schema(description = "A warning of the dry run: never a blocker")
public record Warning(
        @Schema(enumeration = {"dependents", "dependents-unknown"}, description = "dependents: clones on the source"
                + " depend on the image's snapshot; dependents-unknown: the source did not answer") String type,
        String imageId,
        String detail) {
}
