package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.ImageEvent;
import dev.glancemigrator.events.MigrationEvent;
import dev.glancemigrator.events.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A log as Kafka would keep it: events appended to their topic's partition, offsets counting up. */
final class Log {

    private static final EventCodec CODEC = new EventCodec();

    final List<LogRecord> records = new ArrayList<>();
    private final Map<String, Long> next = new HashMap<>();

    /** Appends an event to its own topic, in the partition its key would go to (here: one per topic). */
    LogRecord append(MigrationEvent event) {
        return appendRaw(Topics.of(event), CODEC.encode(event));
    }

    LogRecord appendRaw(String topic, byte[] value) {
        long offset = next.merge(topic, 1L, Long::sum) - 1;
        LogRecord record = new LogRecord(topic, 0, offset, value);
        records.add(record);
        return record;
    }

    /** As a consumer assigned every partition may hand them over: one topic after another, this order. */
    List<LogRecord> topicByTopic(String... topics) {
        List<LogRecord> read = new ArrayList<>();
        for (String topic : topics) {
            records.stream().filter(r -> r.topic().equals(topic)).forEach(read::add);
        }
        return read;
    }

    static LoggedEvent decoded(LogRecord record) {
        return new LoggedEvent(record.topic(), record.partition(), record.offset(),
                CODEC.decode(record.value(), MigrationEvent.class), record.value());
    }

    static ImageEvent image(LoggedEvent event) {
        return (ImageEvent) event.event();
    }
}
