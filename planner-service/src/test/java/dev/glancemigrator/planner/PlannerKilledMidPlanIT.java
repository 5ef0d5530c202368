package dev.glancemigrator.planner;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.planner.support.Topic;
import dev.glancemigrator.stack.GlanceApi;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.ServiceProcess;
import dev.glancemigrator.stack.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged planner, killed with SIGKILL after it recorded a plan and before it published it, then
 * started again: every task the ledger holds reaches the copy-tasks topic; none is lost.
 */
class PlannerKilledMidPlanIT {

    private static final String TOKEN = "it-" + UUID.randomUUID();
    private static final Pattern MIGRATION_ID = Pattern.compile("\"migrationId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final int IMAGES = 4;

    private final LocalStack stack = LocalStack.current();
    private final Sql ledger = Sql.ledger();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> uploaded = new java.util.ArrayList<>();
    private ServiceProcess planner;

    @AfterEach
    void stopAndClean() throws InterruptedException {
        if (planner != null && planner.alive()) {
            planner.terminate();
        }
        GlanceApi glance = new GlanceApi(stack);
        uploaded.forEach(glance::delete);
    }

    @Test
    void everyTaskInTheLedgerIsPublishedAfterAKillMidPublishAndARestart() throws Exception {
        GlanceApi glance = new GlanceApi(stack);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < IMAGES; i++) {
            uploaded.add(glance.createWithData("killed-" + i + "-" + tag, new byte[1000 + i]));
        }
        int port = freePort();
        // The relay's next round is an hour away: the kill lands after the plan's commit, before its publication.
        planner = start(port, Map.of("PLANNER_OUTBOX_POLL_INTERVAL", "1h"), "first");
        String migrationId = plan(port);
        planner.kill(); // SIGKILL: no shutdown hook, no last flush
        long tasks = ledger.count("SELECT COUNT(*) FROM image_task WHERE migration_id = ? AND attempt >= 1",
                migrationId);
        assertTrue(tasks >= IMAGES, "the plan is in the ledger");
        assertEquals(tasks + 1, unsent(migrationId), "its tasks and announcement wait in the outbox");

        planner = start(port, Map.of(), "restarted");
        await("the outbox is drained after the restart").atMost(Duration.ofSeconds(60))
                .until(() -> unsent(migrationId) == 0);

        Set<String> inLedger = Set.copyOf(ledger.strings(
                "SELECT image_id FROM image_task WHERE migration_id = ? AND attempt >= 1", migrationId));
        assertTrue(inLedger.containsAll(uploaded), "the test's own images are planned");
        EventCodec codec = new EventCodec();
        List<ConsumerRecord<String, byte[]>> records = new Topic(Topics.COPY_TASKS).read(migrationId,
                Duration.ofSeconds(30), seen -> seen.stream().map(ConsumerRecord::key).collect(Collectors.toSet())
                        .containsAll(inLedger));
        Map<String, Integer> published = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            CopyTask task = codec.decode(record.value(), CopyTask.class);
            published.merge(task.imageId(), 1, Integer::sum);
        }
        assertEquals(inLedger, published.keySet(), "every ledger task is on the topic, and nothing else");
        assertFalse(new Topic(Topics.MIGRATION_EVENTS).read(migrationId, Duration.ofSeconds(30),
                seen -> !seen.isEmpty()).isEmpty(), "the plan is announced");
    }

    private long unsent(String migrationId) {
        return ledger.count("SELECT COUNT(*) FROM outbox WHERE migration_id = ? AND sent_at IS NULL", migrationId);
    }

    private ServiceProcess start(int port, Map<String, String> settings, String name) {
        Path jar = Path.of(System.getProperty("planner.jar", "target/quarkus-app/quarkus-run.jar"));
        Map<String, String> env = new HashMap<>(settings);
        env.put("GM_PLANNER_TOKEN_FILE", tokenFile(jar.getParent().getParent()).toString());
        env.put("PLANNER_HOST", "planner-it-" + name);
        return ServiceProcess.start(stack, jar, port, jar.getParent().getParent().resolve("planner-killed-" + name + ".log"),
                env, "ready");
    }

    /** This test's own token, in a file the planner is pointed at, as an operator would provision it. */
    private static Path tokenFile(Path dir) {
        try {
            return Files.writeString(dir.resolve("planner-killed-token"), TOKEN + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String plan(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/migrations")).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"source\": {\"cluster\": \"old\", \"pool\": \"images\"},"
                        + " \"target\": {\"cluster\": \"new\", \"pool\": \"images\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        Matcher id = MIGRATION_ID.matcher(response.body());
        assertTrue(id.find(), response.body());
        return id.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
