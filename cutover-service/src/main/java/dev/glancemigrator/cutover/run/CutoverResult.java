package dev.glancemigrator.cutover.run;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a cutover or rollback ended. */
@Schema(description = "The outcome of a cutover or rollback")
public record CutoverResult(
        String migrationId,
        int attempt,
        @Schema(enumeration = {"full", "delta"}, description = "full: the migration's cutover (rows, config, restart);"
                + " delta: on a migration already cut over, the rows of images that stayed on the source") String kind,
        @Schema(enumeration = {"completed", "rolled_back"}) String state,
        String operator,
        int locationRows,
        long durationMillis,
        @Schema(description = "images that still have a live location on the source after the run (uploaded during the"
                + " switch): re-plan, copy and verify them, then cut over again for a delta run")
        List<String> imagesLeftOnSource) {

    public CutoverResult {
        imagesLeftOnSource = imagesLeftOnSource == null ? List.of() : List.copyOf(imagesLeftOnSource);
    }
}
