package dev.glancemigrator.cutover.support;

import dev.glancemigrator.events.Topics;
import dev.glancemigrator.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads one migration's records from the migration-events topic, from the beginning, without a group. */
public final class MigrationEvents {

    private MigrationEvents() {
    }

    /** The JSON of each record keyed by {@code migrationId}, once {@code enough} holds or the timeout passed. */
    public static List<String> of(String migrationId, Duration timeout, Predicate<List<String>> enough) {
        Properties props = new Properties();
        props.put("bootstrap.servers", LocalStack.current().kafkaBootstrap());
        props.put("enable.auto.commit", "false");
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MIGRATION_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && !enough.test(seen)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (migrationId.equals(record.key())) {
                        seen.add(new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return seen;
    }
}
