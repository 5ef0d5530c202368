package dev.glancemigrator.cutover.dependents;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How many images have clone children on the source, and how many children in all. */
@Schema(description = "Clones on the source depending on the migration's images")
public record DependentsSummary(int images, int children) {
}
