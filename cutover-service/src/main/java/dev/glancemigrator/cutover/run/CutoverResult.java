package dev.glancemigrator.cutover.run;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a cutover or rollback ended. */
@Schema(description = "The outcome of a cutover or rollback")
public record CutoverResult(
        String migrationId,
        int attempt,
        @Schema(enumeration = {"completed", "rolled_back"}) String state,
        String operator,
        int locationRows,
        long durationMillis) {
}
