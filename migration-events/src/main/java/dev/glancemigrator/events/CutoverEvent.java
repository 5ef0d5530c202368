package dev.glancemigrator.events;

/** The cutover's journal entries: the messages of {@link Topics#MIGRATION_EVENTS} besides the plan. */
public sealed interface CutoverEvent extends MigrationScopedEvent
        permits CutoverStarted, CutoverCompleted, CutoverFailed, CutoverRolledBack {

    /** Who asked for the cutover or rollback, as the bearer token's owner was configured. */
    String operator();
}
