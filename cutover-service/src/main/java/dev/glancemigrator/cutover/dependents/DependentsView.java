package dev.glancemigrator.cutover.dependents;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What depends on the source cluster now: for each in-scope image of the migration whose source snapshot has
 * clone children, the children. {@code missing}: images whose source snapshot (or image) no longer exists,
 * counted there and nowhere else.
 */
@Schema(description = "The clones on the source that depend on the migration's images, listed live")
public record DependentsView(
        String migrationId,
        String sourceCluster,
        @Schema(description = "in-scope images whose source snapshot was looked at (and found)") int imagesChecked,
        int imagesWithDependents,
        @Schema(description = "clone children in all") int dependents,
        @Schema(description = "in-scope images whose source snapshot no longer exists") int missing,
        @Schema(description = "only images with children") List<ImageDependents> items) {
}
