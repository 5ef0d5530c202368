package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The planner took an inventory and published its tasks; {@code attempt} is the plan run (1 for the
 * first plan, then one more per re-plan) and the counts are that run's delta.
 */
public record MigrationPlanned(
        @JsonUnwrapped EventHeader header,
        RbdPoolRef source,
        RbdPoolRef target,
        int tasksPublished,
        int imagesOutOfScope,
        int imagesSkipped,
        long bytesPlanned) implements MigrationScopedEvent {

    public static final int SCHEMA_VERSION = 1;

    public MigrationPlanned {
        present(header, "header");
        present(source, "source");
        present(target, "target");
        notNegative(tasksPublished, "tasksPublished");
        notNegative(imagesOutOfScope, "imagesOutOfScope");
        notNegative(imagesSkipped, "imagesSkipped");
        notNegative(bytesPlanned, "bytesPlanned");
    }
}
