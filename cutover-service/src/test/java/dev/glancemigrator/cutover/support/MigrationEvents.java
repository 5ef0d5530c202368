package dev.glancemigrator.cutover.support;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.stack.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one migration's records from the migration-events topic, from the beginning, without a group.
 * A record whose eventId was seen already (the outbox relay publishes again after a crash) is dropped,
 * as every consumer drops it.
 */
public final class MigrationEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MigrationEvents() {
    }

    /** The JSON of each record keyed by {@code migrationId}, once {@code enough} holds; fails if not within the timeout. */
    public static List<String> of(String migrationId, Duration timeout, Predicate<List<String>> enough) {
        Properties props = new Properties();
        props.put("bootstrap.servers", LocalStack.current().kafkaBootstrap());
        props.put("enable.auto.commit", "false");
        List<String> seen = new ArrayList<>();
        Set<String> eventIds = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MIGRATION_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await("events of migration " + migrationId).atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO)
                    .untilAsserted(() -> {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                            if (migrationId.equals(record.key()) && eventIds.add(eventId(record.value()))) {
                                seen.add(new String(record.value(), StandardCharsets.UTF_8));
                            }
                        }
                        assertTrue(enough.test(seen), () -> "so far: " + seen);
                    });
        }
        return seen;
    }

    private static String eventId(byte[] json) {
        try {
            return JSON.readTree(json).path("eventId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
