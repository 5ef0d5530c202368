package dev.glancemigrator.planner.support;

import static org.awaitility.Awaitility.await;

import dev.glancemigrator.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A topic on the stack's broker as a test sees it: raw records in, every record read back. */
public final class Topic {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_ALL_TIMEOUT = Duration.ofSeconds(30);

    private final String name;

    public Topic(String name) {
        this.name = name;
    }

    public void send(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig())) {
            producer.send(new ProducerRecord<>(name, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + name, e);
        }
    }

    /**
     * Reads the topic from the start (no consumer group) until {@code done} holds for the records whose
     * value contains {@code marker}, and returns them; fails if it does not hold within the timeout.
     */
    public List<ConsumerRecord<String, byte[]>> read(String marker, Duration timeout,
            Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = fromBeginning()) {
            await("records on " + name + " containing " + marker).atMost(timeout).pollInSameThread()
                    .pollDelay(Duration.ZERO).until(() -> {
                        poll(consumer, marker, matching);
                        return done.test(matching);
                    });
        }
        return matching;
    }

    /** The records on the topic now (from its start to its current end) whose value contains {@code marker}. */
    public List<ConsumerRecord<String, byte[]>> readAll(String marker) {
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = fromBeginning()) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            await("the end of " + name).atMost(READ_ALL_TIMEOUT).pollInSameThread().pollDelay(Duration.ZERO)
                    .until(() -> {
                        poll(consumer, marker, matching);
                        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
                    });
        }
        return matching;
    }

    private KafkaConsumer<String, byte[]> fromBeginning() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig());
        List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
                .map(p -> new TopicPartition(name, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static void poll(KafkaConsumer<String, byte[]> consumer, String marker,
            List<ConsumerRecord<String, byte[]>> matching) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            if (record.value() != null && new String(record.value(), StandardCharsets.UTF_8).contains(marker)) {
                matching.add(record);
            }
        }
    }

    private static Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.current().kafkaBootstrap());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    private static Properties consumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.current().kafkaBootstrap());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "planner-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return config;
    }
}
