package dev.glancemigrator.planner.reconcile;

/** One record of a kept topic as it sits in Kafka: where, and its bytes (null for an empty record). */
public record LogRecord(String topic, int partition, long offset, byte[] value) {
}
