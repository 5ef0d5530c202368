package dev.glancemigrator.events.kafka;

import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.MigrationEvent;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for every event, in {@link EventCodec}'s form. */
public class EventSerializer implements Serializer<MigrationEvent> {

    private final EventCodec codec = new EventCodec();

    @Override
    public byte[] serialize(String topic, MigrationEvent event) {
        return event == null ? null : codec.encode(event);
    }
}
