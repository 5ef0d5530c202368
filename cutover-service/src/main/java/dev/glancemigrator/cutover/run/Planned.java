package dev.glancemigrator.cutover.run;

import dev.glancemigrator.cutover.glance.SwitchTarget;
import dev.glancemigrator.cutover.plan.LocationPlan;

/** A run's plan: the rows, the target's fsid (null when unknown) and what the config switch writes (null: not configured). */
record Planned(LocationPlan locations, String targetFsid, SwitchTarget target) {
}
