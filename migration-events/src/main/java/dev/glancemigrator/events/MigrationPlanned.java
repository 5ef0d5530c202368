package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The planner took an inventory and published its tasks; {@code attempt} is the plan run (1 for the
 * first plan, then one more per re-plan) and the counts are that run's delta. {@code actor} is who asked
 * for the plan or re-plan (schema version 2); null in a version 1 event: unknown.
 */
public record MigrationPlanned(
        @JsonUnwrapped EventHeader header,
        RbdPoolRef source,
        RbdPoolRef target,
        int tasksPublished,
        int imagesOutOfScope,
        int imagesSkipped,
        long bytesPlanned,
        Actor actor) implements MigrationScopedEvent {

    public static final int SCHEMA_VERSION = 2;

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
