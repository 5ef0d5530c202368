package dev.glancemigrator.cutover.plan;

import java.util.List;

/** The location rows a cutover would rewrite, and what keeps it from running (nothing when it may run). */
public record LocationPlan(List<LocationChange> changes, List<Blocker> blockers) {

    public boolean ready() {
        return blockers.isEmpty();
    }
}
