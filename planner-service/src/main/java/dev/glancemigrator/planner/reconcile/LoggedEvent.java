package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.events.MigrationEvent;

/** A decoded event with its place in Kafka and the bytes it was published as (what the audit keeps). */
public record LoggedEvent(String topic, int partition, long offset, MigrationEvent event, byte[] payload) {
}
