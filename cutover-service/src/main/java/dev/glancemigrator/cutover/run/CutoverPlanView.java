package dev.glancemigrator.cutover.run;

import dev.glancemigrator.cutover.dependents.DependentsSummary;
import dev.glancemigrator.cutover.dependents.Warning;
import dev.glancemigrator.cutover.glance.ConfigSwitchPlan;
import dev.glancemigrator.cutover.plan.Blocker;
import dev.glancemigrator.cutover.plan.LocationChange;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The exact run a migration would get now; {@code ready} false when a precondition fails (see blockers).
 * {@code config} is null for a delta run: Glance is already switched. {@code warnings} never keep it from running:
 * clones on the source depending on an image's snapshot (listed live), or a source that did not answer
 * ({@code dependents} is null then).
 */
@Schema(description = "A dry run: what the cutover would change, and what blocks it")
public record CutoverPlanView(
        String migrationId,
        boolean dryRun,
        @Schema(enumeration = {"full", "delta"}, description = "full: the migration's cutover; delta: on a migration"
                + " already cut over, only the rows of images still on the source (no config switch, no restart)")
        String runKind,
        boolean ready,
        String sourceFsid,
        String sourcePool,
        String targetCluster,
        String targetFsid,
        String targetPool,
        List<Blocker> blockers,
        List<LocationChange> locationChanges,
        ConfigSwitchPlan config,
        List<Warning> warnings,
        @Schema(description = "images with clone children on the source, and the children in all; null when the source"
                + " did not answer") DependentsSummary dependents) {
}
