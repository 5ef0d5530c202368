package dev.glancemigrator.verifier.task;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.MalformedEventException;
import dev.glancemigrator.events.MigrationEvent;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.events.Verified;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.StackFaults;
import dev.glancemigrator.verifier.CopyFixture;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The running verifier service on the real broker: copies in, verdicts out, poison pills aside. */
@Tag("stack")
@QuarkusTest
class CopiedConsumerTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    private static final String TEST_GROUP = "verifier-test";
    private static final Duration POLL = Duration.ofMillis(500);
    /** How long a consumer that was just assigned partitions takes to position itself at their end. */
    private static final Duration POSITIONED = Duration.ofSeconds(1);

    private final LocalStack stack = LocalStack.current();
    private final EventCodec codec = new EventCodec();

    @Test
    void aMalformedCopyResultIsDeadLetteredAndTheNextCopyIsStillVerified() throws Exception {
        Copied copied = new CopyFixture(stack).uploadedAndCopied(new CopyFixture(stack).randomBytes(3 * CopyFixture.MIB));
        String garbageKey = "garbage-" + UUID.randomUUID();
        awaitPartitionsAssigned();
        try (KafkaConsumer<String, byte[]> watch = watchFromEnd(Topics.VERIFY_RESULTS, Topics.DEAD_LETTER);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config(), new StringSerializer(),
                        new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.COPY_RESULTS, garbageKey, "not json".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.COPY_RESULTS, copied.key(), codec.encode(copied))).get();

            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(TIMEOUT).pollInSameThread().until(() -> {
                watch.poll(POLL).forEach(seen::add);
                return deadLettered(seen, garbageKey) && verified(seen, copied) != null;
            });
            assertTrue(deadLettered(seen, garbageKey), "the malformed record is on the dead-letter topic");
            Verified verified = verified(seen, copied);
            assertTrue(verified != null, "the valid copy was verified after the poison pill");
            assertEquals("sha512", verified.hashAlgorithm());
            assertEquals(verified.recordedHash(), verified.computedHash());
        }
    }

    @Test
    void whileGlancesDatabaseIsDownACopyWaitsUnreadyAndIsVerifiedOnceItAnswersAgain() throws Exception {
        Copied copied = new CopyFixture(stack).uploadedAndCopied(new CopyFixture(stack).randomBytes(3 * CopyFixture.MIB));
        awaitPartitionsAssigned();
        StackFaults faults = new StackFaults(stack);
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> watch = watchFromEnd(Topics.VERIFY_RESULTS, Topics.DEAD_LETTER);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config(), new StringSerializer(),
                        new ByteArraySerializer())) {
            faults.kill("mariadb");
            try {
                producer.send(new ProducerRecord<>(Topics.COPY_RESULTS, copied.key(), codec.encode(copied))).get();
                await().atMost(TIMEOUT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                        .body(containsString("glance-database")));
                // Longer than all the verifier's tries would take (3, 2 s apart): an outage is no verdict.
                await("no verdict and no dead letter during the outage").during(OUTAGE)
                        .atMost(OUTAGE.plusSeconds(10)).pollInSameThread().untilAsserted(() -> {
                            watch.poll(POLL).forEach(seen::add);
                            assertTrue(about(seen, copied).isEmpty(), () -> "but " + about(seen, copied));
                        });
            } finally {
                faults.start("mariadb");
            }
            await().atMost(TIMEOUT).pollInSameThread().until(() -> {
                watch.poll(POLL).forEach(seen::add);
                return verified(seen, copied) != null;
            });
        }
        assertEquals(1, about(seen, copied).size(), "exactly one verdict, and it is verified: " + about(seen, copied));
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** The records on the watched topics that concern this copy. */
    private List<ConsumerRecord<String, byte[]>> about(List<ConsumerRecord<String, byte[]>> seen, Copied copied) {
        return seen.stream().filter(r -> copied.key().equals(r.key())).toList();
    }

    private static boolean deadLettered(List<ConsumerRecord<String, byte[]>> seen, String key) {
        return seen.stream().anyMatch(r -> r.topic().equals(Topics.DEAD_LETTER) && key.equals(r.key()));
    }

    private Verified verified(List<ConsumerRecord<String, byte[]>> seen, Copied copied) {
        for (ConsumerRecord<String, byte[]> record : seen) {
            if (!record.topic().equals(Topics.VERIFY_RESULTS)) {
                continue;
            }
            try {
                MigrationEvent event = codec.decode(record.value(), MigrationEvent.class);
                if (event instanceof Verified verified && verified.migrationId().equals(copied.migrationId())) {
                    return verified;
                }
            } catch (MalformedEventException other) {
                // another test's poison pill
            }
        }
        return null;
    }

    /**
     * The service reads from the end of the topic: publish only once it holds its partitions, and has
     * held them long enough to be positioned at their end.
     */
    private void awaitPartitionsAssigned() {
        try (Admin admin = Admin.create(config())) {
            await("the verifier holds partitions in group " + TEST_GROUP).during(POSITIONED).atMost(TIMEOUT)
                    .pollInterval(Duration.ofMillis(250)).until(() -> admin.describeConsumerGroups(List.of(TEST_GROUP))
                            .all().get().get(TEST_GROUP).members().stream()
                            .mapToInt(m -> m.assignment().topicPartitions().size()).sum() > 0);
        }
    }

    private KafkaConsumer<String, byte[]> watchFromEnd(String... topics) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config(), new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private Properties config() {
        Properties config = new Properties();
        config.put("bootstrap.servers", stack.kafkaBootstrap());
        return config;
    }
}
