package dev.glancemigrator.events;

/** The cutover's journal entries: the messages of {@link Topics#MIGRATION_EVENTS} besides the plan. */
public sealed interface CutoverEvent extends MigrationScopedEvent
        permits CutoverStarted, CutoverCompleted, CutoverFailed, CutoverRolledBack {

    /**
     * Who asked for the cutover or rollback, by name: the actor's user name (kept beside {@link #actor()} for
     * consumers of the earlier versions).
     */
    String operator();

    /** Who asked, as authenticated (schema version 2, {@code cutover-completed} 3); null in earlier events: unknown. */
    Actor actor();
}
