package dev.glancemigrator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glancemigrator.events.kafka.EventDeserializer;
import dev.glancemigrator.events.kafka.EventSerializer;
import dev.glancemigrator.stack.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The contracts against the real broker of the local stack. */
@Tag("stack")
class EventsThroughBrokerTest {

    private static final Duration POLL = Duration.ofSeconds(10);

    private final String bootstrap = LocalStack.current().kafkaBootstrap();

    @Test
    void everyEventTypeRoundTripsThroughItsTopicKeyedByItsSubject() throws Exception {
        try (var producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new EventSerializer());
                var consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                        new EventDeserializer<>(MigrationEvent.class))) {
            for (MigrationEvent sent : SampleEvents.all()) {
                RecordMetadata at = producer.send(new ProducerRecord<>(Topics.of(sent), sent.key(), sent)).get();
                TopicPartition partition = new TopicPartition(at.topic(), at.partition());
                consumer.assign(List.of(partition));
                consumer.seek(partition, at.offset());
                ConsumerRecord<String, MigrationEvent> received = consumer.poll(POLL).records(partition).get(0);
                assertEquals(sent, received.value());
                assertEquals(sent.key(), received.key());
            }
        }
    }

    @Test
    void oneImagesEventsShareAPartitionAcrossTopicsOfEqualWidth() throws Exception {
        try (var producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new EventSerializer())) {
            List<MigrationEvent> imageEvents = SampleEvents.all().subList(1, 7);
            Set<Integer> partitions = imageEvents.stream()
                    .map(event -> send(producer, event).partition())
                    .collect(Collectors.toSet());
            assertEquals(1, partitions.size(), "copy and verify topics have the same partition count");
        }
    }

    @Test
    void brokerTopicsHaveTheDeclaredPartitionsAndRetention() throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(config)) {
            List<String> names = Topics.specs().stream().map(Topics.Spec::name).toList();
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
            for (Topics.Spec spec : Topics.specs()) {
                assertEquals(spec.partitions(), described.get(spec.name()).partitions().size(), spec.name());
                var resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
                var topicConfig = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertEquals(String.valueOf(spec.retentionMs()), topicConfig.get("retention.ms").value(), spec.name());
                assertEquals(spec.cleanupPolicy(), topicConfig.get("cleanup.policy").value(), spec.name());
            }
        }
    }

    private static RecordMetadata send(KafkaProducer<String, MigrationEvent> producer, MigrationEvent event) {
        try {
            return producer.send(new ProducerRecord<>(Topics.of(event), event.key(), event)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    private Properties consumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return config;
    }
}
