package dev.glancemigrator.cutover.outbox;

/** An unsent event as the relay publishes it: the encoded event, its topic and key. */
record OutboxEntry(long id, String eventId, String topic, String key, byte[] payload) {
}
