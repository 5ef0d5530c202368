import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.apache.kafka.clients.admin.Admin;
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
 * The Kafka side of bench/copy.sh, as a single-file program (one JVM per step, none inside a timed
 * section except the one that does the timing itself):
 *
 * <pre>
 *   create-topic BOOTSTRAP TOPIC PARTITIONS     a bench-only task topic (deleted by cleanup)
 *   run BOOTSTRAP TOPIC RESULTS TASKS_FILE TIMEOUT_S
 *        watch RESULTS from its end, publish every task of TASKS_FILE (one JSON per line, in
 *        order, keyed by imageId), wait for one `copied` per task of the file's migrationId;
 *        prints "seconds=… copied=… bytesRead=… bytesWritten=… zeroBytesSkipped=…"; exit 3 on a
 *        `copy-failed`, 4 on timeout
 *   cleanup BOOTSTRAP TOPIC GROUP              delete the bench's group and topic (missing is fine)
 * </pre>
 */
public class BenchKafka {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "create-topic" -> createTopic(args[1], args[2], Integer.parseInt(args[3]));
            case "run" -> System.exit(run(args[1], args[2], args[3], Path.of(args[4]), Duration.ofSeconds(Long.parseLong(args[5]))));
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

    private static int run(String bootstrap, String taskTopic, String resultTopic, Path tasksFile, Duration timeout)
            throws Exception {
        List<JsonNode> tasks = new ArrayList<>();
        for (String line : Files.readAllLines(tasksFile, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                tasks.add(JSON.readTree(line));
            }
        }
        String migrationId = tasks.get(0).get("migrationId").asText();
        Set<String> expected = new java.util.HashSet<>();
        tasks.forEach(t -> expected.add(t.get("imageId").asText()));

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
            producer.partitionsFor(taskTopic); // metadata now, not in the timed section

            long start = System.nanoTime();
            for (JsonNode task : tasks) {
                producer.send(new ProducerRecord<>(taskTopic, task.get("imageId").asText(), JSON.writeValueAsString(task)));
            }
            producer.flush();
            double publishedAfter = (System.nanoTime() - start) / 1e9;

            Map<String, JsonNode> copied = new HashMap<>();
            long deadline = start + timeout.toNanos();
            double lastCopied = 0;
            while (copied.size() < expected.size()) {
                if (System.nanoTime() > deadline) {
                    System.err.printf("timed out after %ds: %d of %d copied%n", timeout.toSeconds(), copied.size(), expected.size());
                    return 4;
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    JsonNode event = JSON.readTree(record.value());
                    if (!migrationId.equals(event.path("migrationId").asText())) {
                        continue;
                    }
                    String type = event.path("type").asText();
                    if (type.equals("copy-failed")) {
                        System.err.println("copy-failed: " + record.value());
                        return 3;
                    }
                    if (type.equals("copied") && expected.contains(event.get("imageId").asText())) {
                        copied.put(event.get("imageId").asText(), event);
                        lastCopied = (System.nanoTime() - start) / 1e9;
                    }
                }
            }
            long read = 0, written = 0, zeros = 0;
            StringBuilder perImage = new StringBuilder();
            for (JsonNode event : copied.values()) {
                read += event.get("bytesRead").asLong();
                written += event.get("bytesWritten").asLong();
                zeros += event.get("zeroBytesSkipped").asLong();
                perImage.append(String.format("image %s host=%s durationMillis=%d bytesRead=%d bytesWritten=%d zeroBytesSkipped=%d%n",
                        event.get("imageId").asText(), event.path("host").asText(), event.path("durationMillis").asLong(),
                        event.get("bytesRead").asLong(), event.get("bytesWritten").asLong(), event.get("zeroBytesSkipped").asLong()));
            }
            System.err.print(perImage);
            System.err.printf("published %d tasks in %.3fs%n", tasks.size(), publishedAfter);
            System.out.printf("seconds=%.3f copied=%d bytesRead=%d bytesWritten=%d zeroBytesSkipped=%d%n",
                    lastCopied, copied.size(), read, written, zeros);
            return 0;
        }
    }
}
