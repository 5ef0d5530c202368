package dev.glancemigrator.events.kafka;

import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.MigrationEvent;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for one kind of event. The services instead take raw bytes and decode
 * in the consumer, so that a poison pill is nacked to the dead-letter topic like any failed record.
 */
public class EventDeserializer<T extends MigrationEvent> implements Deserializer<T> {

    private final EventCodec codec = new EventCodec();
    private final Class<T> type;

    public EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return codec.decode(data, type);
    }
}
