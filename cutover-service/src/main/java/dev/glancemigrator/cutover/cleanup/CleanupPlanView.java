package dev.glancemigrator.cutover.cleanup;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * After a completed cutover: which source images the operator may remove from the source cluster (and how),
 * which not and why; and the migrator's own leftovers on the target, which {@code cleanup?only=target-leftovers}
 * removes. A plan, never a deletion.
 */
@Schema(description = "What may be cleaned up after a completed cutover, and the commands")
public record CleanupPlanView(
        String migrationId,
        boolean cutoverCompleted,
        Source source,
        Target target,
        @Schema(description = "rbd commands for the operator to run on the source with their own admin key (the tool has"
                + " none there), then the clean-up of the target's leftovers") List<String> commands) {

    @Schema(description = "The migration's images on the source cluster")
    public record Source(String cluster, String pool, List<Removable> removable, List<Kept> kept) {
    }

    @Schema(description = "A source image safe to remove: copy verified, location switched, no clone children, still there")
    public record Removable(String imageId, String imageName, @Schema(description = "<pool>/<image>") String image,
            String snapshot) {
    }

    @Schema(description = "A source image to keep, and why")
    public record Kept(String imageId, String imageName, String image, List<String> reasons) {
    }

    @Schema(description = "The migrator's leftovers in the target pool")
    public record Target(String cluster, String pool, List<TargetLeftover> leftovers) {
    }
}
