import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka side of bench/copy.sh and bench/verify.sh, as a single-file program (one JVM per step,
 * none inside a timed section except the one that does the timing itself):
 *
 * <pre>
 *   create-topic BOOTSTRAP TOPIC PARTITIONS     a bench-only topic (deleted by cleanup)
 *   run BOOTSTRAP TOPIC RESULTS TASKS_FILE TIMEOUT_S [COPIED_FILE]
 *        watch RESULTS from its end, publish every task of TASKS_FILE (one JSON per line, in
 *        order, keyed by imageId), wait for one `copied` per task of the file's migrationId;
 *        prints "seconds=… copied=… bytesRead=… bytesWritten=… zeroBytesSkipped=…"; with
 *        COPIED_FILE, writes the `copied` events there (one JSON a line, in task order);
 *        exit 3 on a `copy-failed`, 4 on timeout
 *   copy …                                      the same as run
 *   verify BOOTSTRAP TOPIC RESULTS COPIED_FILE TIMEOUT_S [VERIFIED_FILE]
 *        the same for the verifier: republish the `copied` events of COPIED_FILE under a fresh
 *        migrationId and fresh eventIds (so this run's answers are told apart from any earlier
 *        one's), wait for one `verified` per image; prints "seconds=… verified=… bytesRead=…
 *        modes=MODE:n,…"; with VERIFIED_FILE, writes the `verified` events there; exit 3 on a
 *        `verification-failed` (its reason and message on stderr), 4 on timeout
 *   await-group BOOTSTRAP GROUP TOPIC PARTITIONS TIMEOUT_S
 *        wait until GROUP's members hold all PARTITIONS of TOPIC (a service joined and was assigned)
 *   cleanup BOOTSTRAP TOPIC GROUP              delete the bench's group and topic (missing is fine)
 * </pre>
 */
public class BenchKafka {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "create-topic" -> createTopic(args[1], args[2], Integer.parseInt(args[3]));
            case "run", "copy" -> System.exit(copy(args[1], args[2], args[3], Path.of(args[4]),
                    Duration.ofSeconds(Long.parseLong(args[5])), args.length > 6 ? Path.of(args[6]) : null));
            case "verify" -> System.exit(verify(args[1], args[2], args[3], Path.of(args[4]),
                    Duration.ofSeconds(Long.parseLong(args[5])), args.length > 6 ? Path.of(args[6]) : null));
            case "await-group" -> System.exit(awaitGroup(args[1], args[2], args[3], Integer.parseInt(args[4]),
                    Duration.ofSeconds(Long.parseLong(args[5]))));
            case "cleanup" -> cleanup(args[1], args[2], args[3]);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static Admin admin(String bootstrap) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        return Admin.create(config);
    }

    private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            // Retention one day, in case cleanup never runs: the topic is only for this run.
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                    .configs(Map.of("retention.ms", "86400000")))).all().get();
        }
    }

    private static void cleanup(String bootstrap, String topic, String group) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            try {
                admin.deleteConsumerGroups(List.of(group)).all().get();
            } catch (Exception e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    System.err.println("could not delete group " + group + ": " + e.getMessage());
                }
            }
            try {
                admin.deleteTopics(List.of(topic)).all().get();
            } catch (Exception e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    System.err.println("could not delete topic " + topic + ": " + e.getMessage());
                }
            }
        }
    }

    private static int awaitGroup(String bootstrap, String group, String topic, int partitions, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin(bootstrap)) {
            long held = 0;
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                held = 0;
                for (MemberDescription member : description.members()) {
                    held += member.assignment().topicPartitions().stream().filter(p -> p.topic().equals(topic)).count();
                }
                if (held >= partitions) {
                    return 0;
                }
                Thread.sleep(200);
            }
            System.err.printf("group %s holds %d of %d partitions of %s after %ds%n", group, held, partitions, topic,
                    timeout.toSeconds());
            return 4;
        }
    }

    private static List<JsonNode> readJsonLines(Path file) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    /** What publish-and-await found: exit code 0 (all done), 3 (a failure event) or 4 (timeout). */
    private record Outcome(int code, double publishedAfter, double lastDone, Map<String, JsonNode> done) {
    }

    /**
     * Watch RESULTS from its end, publish INPUTS to TOPIC (in order, keyed by imageId), and wait
     * for one DONE_TYPE event per input image of the inputs' migrationId; a FAIL_TYPE event of that
     * migration ends the wait (code 3). Times from the first publish to the last DONE_TYPE event.
     */
    private static Outcome publishAndAwait(String bootstrap, String topic, String resultTopic, List<JsonNode> inputs,
            String doneType, String failType, Duration timeout) throws Exception {
        String migrationId = inputs.get(0).get("migrationId").asText();
        Set<String> expected = new java.util.HashSet<>();
        inputs.forEach(t -> expected.add(t.get("imageId").asText()));

        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("acks", "all");
        config.put("linger.ms", "0");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            // Watch the results from their current end, resolved before anything is published, so
            // only this run's answers count (other runs and tests share the topic).
            List<TopicPartition> partitions = consumer.partitionsFor(resultTopic).stream()
                    .map(p -> new TopicPartition(resultTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            producer.partitionsFor(topic); // metadata now, not in the timed section

            long start = System.nanoTime();
            for (JsonNode input : inputs) {
                producer.send(new ProducerRecord<>(topic, input.get("imageId").asText(), JSON.writeValueAsString(input)));
            }
            producer.flush();
            double publishedAfter = (System.nanoTime() - start) / 1e9;

            Map<String, JsonNode> done = new HashMap<>();
            long deadline = start + timeout.toNanos();
            double lastDone = 0;
            while (done.size() < expected.size()) {
                if (System.nanoTime() > deadline) {
                    System.err.printf("timed out after %ds: %d of %d %s%n", timeout.toSeconds(), done.size(), expected.size(), doneType);
                    return new Outcome(4, publishedAfter, lastDone, done);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    JsonNode event = JSON.readTree(record.value());
                    if (!migrationId.equals(event.path("migrationId").asText())) {
                        continue;
                    }
                    String type = event.path("type").asText();
                    if (type.equals(failType)) {
                        System.err.printf("%s: image %s reason=%s message=%s%n%s%n", failType, event.path("imageId").asText(),
                                event.path("reason").asText(), event.path("message").asText(), record.value());
                        return new Outcome(3, publishedAfter, lastDone, done);
                    }
                    if (type.equals(doneType) && expected.contains(event.get("imageId").asText())) {
                        done.put(event.get("imageId").asText(), event);
                        lastDone = (System.nanoTime() - start) / 1e9;
                    }
                }
            }
            return new Outcome(0, publishedAfter, lastDone, done);
        }
    }

    /** The DONE events in the inputs' image order, one JSON a line. */
    private static void save(Path file, List<JsonNode> inputs, Map<String, JsonNode> done) throws Exception {
        StringBuilder out = new StringBuilder();
        for (JsonNode input : inputs) {
            JsonNode event = done.get(input.get("imageId").asText());
            if (event != null) {
                out.append(JSON.writeValueAsString(event)).append('\n');
            }
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    private static int copy(String bootstrap, String taskTopic, String resultTopic, Path tasksFile, Duration timeout,
            Path copiedFile) throws Exception {
        List<JsonNode> tasks = readJsonLines(tasksFile);
        Outcome outcome = publishAndAwait(bootstrap, taskTopic, resultTopic, tasks, "copied", "copy-failed", timeout);
        if (outcome.code() != 0) {
            return outcome.code();
        }
        long read = 0, written = 0, zeros = 0;
        StringBuilder perImage = new StringBuilder();
        for (JsonNode event : outcome.done().values()) {
            read += event.get("bytesRead").asLong();
            written += event.get("bytesWritten").asLong();
            zeros += event.get("zeroBytesSkipped").asLong();
            perImage.append(String.format("image %s host=%s durationMillis=%d bytesRead=%d bytesWritten=%d zeroBytesSkipped=%d%n",
                    event.get("imageId").asText(), event.path("host").asText(), event.path("durationMillis").asLong(),
                    event.get("bytesRead").asLong(), event.get("bytesWritten").asLong(), event.get("zeroBytesSkipped").asLong()));
        }
        if (copiedFile != null) {
            save(copiedFile, tasks, outcome.done());
        }
        System.err.print(perImage);
        System.err.printf("published %d tasks in %.3fs%n", tasks.size(), outcome.publishedAfter());
        System.out.printf("seconds=%.3f copied=%d bytesRead=%d bytesWritten=%d zeroBytesSkipped=%d%n",
                outcome.lastDone(), outcome.done().size(), read, written, zeros);
        return 0;
    }

    private static int verify(String bootstrap, String copiedTopic, String resultTopic, Path copiedFile, Duration timeout,
            Path verifiedFile) throws Exception {
        String migrationId = UUID.randomUUID().toString();
        List<JsonNode> copied = new ArrayList<>();
        for (JsonNode event : readJsonLines(copiedFile)) {
            ObjectNode again = event.deepCopy();
            again.put("eventId", UUID.randomUUID().toString());
            again.put("migrationId", migrationId);
            copied.add(again);
        }
        Outcome outcome = publishAndAwait(bootstrap, copiedTopic, resultTopic, copied, "verified", "verification-failed", timeout);
        if (outcome.code() != 0) {
            return outcome.code();
        }
        long read = 0;
        Map<String, Integer> modes = new java.util.TreeMap<>();
        StringBuilder perImage = new StringBuilder();
        for (JsonNode input : copied) {
            JsonNode event = outcome.done().get(input.get("imageId").asText());
            read += event.path("bytesRead").asLong();
            modes.merge(event.path("mode").asText(), 1, Integer::sum);
            perImage.append(String.format("image %s mode=%s hashAlgorithm=%s durationMillis=%d bytesRead=%d%n",
                    event.get("imageId").asText(), event.path("mode").asText(), event.path("hashAlgorithm").asText(),
                    event.path("durationMillis").asLong(), event.path("bytesRead").asLong()));
        }
        if (verifiedFile != null) {
            save(verifiedFile, copied, outcome.done());
        }
        System.err.print(perImage);
        System.err.printf("migration %s: published %d copied events in %.3fs%n", migrationId, copied.size(), outcome.publishedAfter());
        StringBuilder modeList = new StringBuilder();
        modes.forEach((mode, n) -> modeList.append(modeList.isEmpty() ? "" : ",").append(mode).append(':').append(n));
        System.out.printf("seconds=%.3f verified=%d bytesRead=%d modes=%s%n", outcome.lastDone(), outcome.done().size(), read, modeList);
        return 0;
    }
}
