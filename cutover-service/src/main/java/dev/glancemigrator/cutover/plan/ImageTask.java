package dev.glancemigrator.cutover.plan;

import java.util.Set;

/** One image of a migration as the planner's ledger records it: where its source is and how far it got. */
public record ImageTask(String imageId, String imageName, String sourceImage, String sourceSnapshot, String state) {

    /** States of an image still being copied or verified: what the migrator made for it on the target is in use. */
    private static final Set<String> IN_FLIGHT = Set.of("planned", "copying", "copied", "verifying");

    /** In the migration's scope (not left out by the plan, not deleted in Glance since). */
    public boolean inScope() {
        return !LocationPlanner.NOT_IN_SCOPE.contains(state);
    }

    public boolean verified() {
        return LocationPlanner.VERIFIED.equals(state);
    }

    public boolean inFlight() {
        return IN_FLIGHT.contains(state);
    }
}
