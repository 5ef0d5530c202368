package dev.glancemigrator.events;

/** An event about a whole migration; keyed by the migration id. */
public sealed interface MigrationScopedEvent extends MigrationEvent
        permits MigrationPlanned, CutoverEvent {

    @Override
    default String key() {
        return migrationId().toString();
    }
}
