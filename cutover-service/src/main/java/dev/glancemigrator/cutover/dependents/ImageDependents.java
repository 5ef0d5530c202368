package dev.glancemigrator.cutover.dependents;

import dev.glancemigrator.events.DependentClone;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The clones of one image's source snapshot. */
@Schema(description = "An image whose source snapshot has clone children")
public record ImageDependents(
        String imageId,
        String imageName,
        @Schema(description = "<pool>/<image>@<snapshot> on the source") String source,
        List<DependentClone> dependents) {
}
