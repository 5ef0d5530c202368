package dev.glancemigrator.planner.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the kept topics with a consumer of its own that joins no group: it is assigned every partition,
 * commits nothing, and so neither takes partitions from the planner's consumers nor moves their offsets.
 * It reads up to the end offsets taken when it starts; what is published later is the live consumers'.
 */
public final class KafkaTopicLog implements TopicLog {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final int RECORDS_PER_POLL = 1000;

    private final String bootstrapServers;
    private final String clientId;
    private final Duration requestTimeout;

    public KafkaTopicLog(String bootstrapServers, String clientId, Duration requestTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.clientId = clientId;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public boolean read(Instant deadline, Consumer<List<LogRecord>> batches) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : KEPT) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, requestTimeout);
                if (infos == null || infos.isEmpty()) {
                    throw new KafkaException("topic " + topic + " has no partitions (does it exist?)");
                }
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions, requestTimeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, requestTimeout);
            consumer.seekToBeginning(partitions);
            Set<TopicPartition> unread = new HashSet<>();
            for (TopicPartition p : partitions) {
                if (end.get(p) > start.get(p)) {
                    unread.add(p);
                } else {
                    consumer.pause(List.of(p));
                }
            }
            while (!unread.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    return false;
                }
                List<LogRecord> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    TopicPartition p = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < end.get(p)) {
                        batch.add(new LogRecord(r.topic(), r.partition(), r.offset(), r.value()));
                    }
                }
                if (!batch.isEmpty()) {
                    batches.accept(batch);
                }
                for (var it = unread.iterator(); it.hasNext(); ) {
                    TopicPartition p = it.next();
                    if (consumer.position(p, requestTimeout) >= end.get(p)) {
                        // Whatever arrives after the end taken at the start is for the live consumers.
                        consumer.pause(List.of(p));
                        it.remove();
                    }
                }
            }
            return true;
        }
    }

    private Properties config() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, RECORDS_PER_POLL);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }
}
