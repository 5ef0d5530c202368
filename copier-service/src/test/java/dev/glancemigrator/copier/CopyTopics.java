package dev.glancemigrator.copier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.MalformedEventException;
import dev.glancemigrator.events.MigrationEvent;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.stack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** The copier's topics on the real broker, from a test's side: publish tasks, watch what comes back. */
public final class CopyTopics implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    /** Watches {@code topics} from their current ends: only what is published from now on. */
    public CopyTopics(LocalStack stack, String... topics) {
        Properties config = new Properties();
        config.put("bootstrap.servers", stack.kafkaBootstrap());
        config.put("acks", "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before anything is published
    }

    /**
     * A consumer group new to the broker, positioned at the current end of the task topic: copiers
     * started in it take only the tasks this test publishes, not what earlier tests left behind.
     */
    public String groupStartingAtEnd(LocalStack stack) {
        String group = "copier-it-" + UUID.randomUUID();
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.COPY_TASKS).stream()
                .map(info -> new TopicPartition(Topics.COPY_TASKS, info.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        consumer.endOffsets(partitions).forEach((partition, end) -> ends.put(partition, new OffsetAndMetadata(end)));
        Properties config = new Properties();
        config.put("bootstrap.servers", stack.kafkaBootstrap());
        try (Admin admin = Admin.create(config)) {
            admin.alterConsumerGroupOffsets(group, ends).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create consumer group " + group, e);
        }
        return group;
    }

    public void publish(CopyTask task) {
        publishRaw(task.key(), codec.encode(task));
    }

    public void publishRaw(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.COPY_TASKS, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + Topics.COPY_TASKS, e);
        }
    }

    /** Events of {@code type} from {@code topic}, polled until {@code done} holds; fails if not within the timeout. */
    public <T extends MigrationEvent> List<T> await(String topic, Class<T> type, Predicate<T> relevant,
            Predicate<List<T>> done, Duration timeout) {
        AtomicReference<List<T>> matching = new AtomicReference<>();
        polling(type.getSimpleName() + " events on " + topic, timeout).untilAsserted(() -> {
            consumer.poll(POLL).forEach(seen::add);
            matching.set(events(topic, type, relevant));
            assertTrue(done.test(matching.get()), () -> matching.get().size() + " " + type.getSimpleName()
                    + " events so far: " + matching.get());
        });
        return matching.get();
    }

    /** Events of {@code type} from {@code topic} among what {@link #await} and {@link #awaitRecord} have seen so far. */
    public <T extends MigrationEvent> List<T> seen(String topic, Class<T> type, Predicate<T> relevant) {
        return events(topic, type, relevant);
    }

    /** Holds (fails otherwise) while no event of {@code type} from {@code topic} is relevant, for {@code quiet}. */
    public <T extends MigrationEvent> void awaitNone(String topic, Class<T> type, Predicate<T> relevant,
            Duration quiet) {
        polling("no " + type.getSimpleName() + " events on " + topic, quiet.plus(POLL.multipliedBy(4)))
                .during(quiet).untilAsserted(() -> {
                    consumer.poll(POLL).forEach(seen::add);
                    List<T> matching = events(topic, type, relevant);
                    assertTrue(matching.isEmpty(), () -> "but " + matching);
                });
    }

    /** The first raw record on {@code topic} that {@code wanted} accepts; fails if none within the timeout. */
    public ConsumerRecord<String, byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted,
            Duration timeout) {
        return polling("a matching record on " + topic, timeout).until(() -> {
            consumer.poll(POLL).forEach(seen::add);
            return seen.stream().filter(record -> record.topic().equals(topic) && wanted.test(record)).findFirst();
        }, Optional::isPresent).orElseThrow();
    }

    /** The consumer is not thread-safe: poll it in the test's thread. */
    private static ConditionFactory polling(String what, Duration timeout) {
        return Awaitility.await(what).atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10));
    }

    private <T extends MigrationEvent> List<T> events(String topic, Class<T> type, Predicate<T> relevant) {
        List<T> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : seen) {
            if (!record.topic().equals(topic)) {
                continue;
            }
            MigrationEvent event;
            try {
                event = codec.decode(record.value(), MigrationEvent.class);
            } catch (MalformedEventException e) {
                continue; // other tests put poison pills on these topics on purpose
            }
            if (type.isInstance(event) && relevant.test(type.cast(event))) {
                events.add(type.cast(event));
            }
        }
        return events;
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
