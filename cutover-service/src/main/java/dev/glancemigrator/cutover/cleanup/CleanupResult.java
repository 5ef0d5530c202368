package dev.glancemigrator.cutover.cleanup;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an applied clean-up removed from the target, and what it left and why. */
@Schema(description = "The target leftovers removed, and those kept")
public record CleanupResult(String migrationId, List<Removed> removed, List<Kept> kept) {

    public record Removed(String kind, String name) {
    }

    public record Kept(String kind, String name, String reason) {
    }
}
