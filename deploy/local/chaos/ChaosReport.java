import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.MalformedEventException;
import dev.glancemigrator.events.MigrationEvent;
import dev.glancemigrator.events.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the chaos run must prove, read from the broker and the planner: the valid events that landed
 * on the dead-letter topic since the run began, and the events of the migration that the topics hold
 * but the planner's audit trail lacks. Prints "valid-dead-lettered N" and "audit-missing N" (with the
 * first few missing ids on stderr). Run as a single-file program on the planner's classpath.
 *
 * <p>Arguments: bootstrap servers, migration id, planner URL, token file, run start (epoch millis).
 */
public class ChaosReport {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final int PAGE_SIZE = 500;
    private static final int SHOWN = 10;

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        UUID migration = UUID.fromString(args[1]);
        String planner = args[2];
        String token = Files.readString(Path.of(args[3])).strip();
        long since = Long.parseLong(args[4]);
        EventCodec codec = new EventCodec();

        int deadLettered = 0;
        for (ConsumerRecord<String, byte[]> record : readAll(bootstrap, List.of(Topics.DEAD_LETTER))) {
            if (record.timestamp() >= since && decode(codec, record.value()) != null) {
                deadLettered++;
            }
        }
        Set<String> published = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : readAll(bootstrap,
                List.of(Topics.COPY_TASKS, Topics.COPY_RESULTS, Topics.VERIFY_RESULTS, Topics.MIGRATION_EVENTS))) {
            MigrationEvent event = decode(codec, record.value());
            if (event != null && event.migrationId().equals(migration)) {
                published.add(event.eventId().toString());
            }
        }
        Set<String> audited = audited(planner, token, migration);
        List<String> missing = published.stream().filter(id -> !audited.contains(id)).sorted().toList();
        System.out.println("valid-dead-lettered " + deadLettered);
        System.out.println("audit-missing " + missing.size());
        System.out.println("events-published " + published.size());
        missing.stream().limit(SHOWN).forEach(id -> System.err.println("not in the audit trail: " + id));
    }

    private static MigrationEvent decode(EventCodec codec, byte[] value) {
        try {
            return value == null ? null : codec.decode(value, MigrationEvent.class);
        } catch (MalformedEventException e) {
            return null;
        }
    }

    /** Every record of the topics, from the beginning to their end now. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, List<String> topics) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(t -> consumer.partitionsFor(t).forEach(p -> partitions.add(new TopicPartition(t, p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }

    private static Set<String> audited(String planner, String token, UUID migration) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        Set<String> ids = new HashSet<>();
        for (int page = 0; ; page++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(planner + "/migrations/" + migration
                    + "/events?page=" + page + "&size=" + PAGE_SIZE)).header("Authorization", "Bearer " + token).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the planner's audit trail answered " + response.statusCode());
            }
            JsonNode items = json.readTree(response.body()).path("items");
            if (items.isEmpty()) {
                return ids;
            }
            items.forEach(item -> ids.add(item.path("eventId").asText()));
        }
    }
}
