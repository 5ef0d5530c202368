package dev.glancemigrator.cutover;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.cutover.support.CutoverProcess;
import dev.glancemigrator.cutover.support.EventRef;
import dev.glancemigrator.cutover.support.MigrationEvents;
import dev.glancemigrator.cutover.support.MigrationFixture;
import dev.glancemigrator.stack.StackFaults;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cutover and its rollback while the real broker is stopped: both succeed without waiting for it, their
 * events wait in the outbox, and once the broker is back they are published in order with the eventIds
 * they were recorded with. The relay gives up on a send before the broker is back (its bounds are
 * shortened here), so what is published is its re-publication.
 *
 * <p>Stopping Kafka affects everyone on the stack, so the outage is kept short: the service uses the
 * {@code command} switch with a script that only records its calls, and {@code true} as Glance's restart
 * (the shared Glance keeps its config; the fixture's images are on both clusters), so the cutover and the
 * rollback take seconds. Kafka is started again whatever happens.
 */
@Tag("stack")
class CutoverEventsAfterBrokerOutageIT {

    /** Far below the relay's wait for the broker (45 s) and the producer's (30 s): a cutover that waited would miss it. */
    private static final Duration NOT_WAITING = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void aCutoverAndARollbackDuringABrokerOutageSucceedAndTheirEventsArePublishedAfterIt() throws Exception {
        Path script = dir.resolve("switch.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1 $CUTOVER_TAG\" >> " + dir.resolve("calls") + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        try (MigrationFixture fixture = new MigrationFixture();
                CutoverProcess service = CutoverProcess.start(fixture.stack, "broker-outage", Map.of(
                        "CUTOVER_GLANCE_SWITCH_KIND", "command", "CUTOVER_GLANCE_SWITCH_COMMAND", script.toString(),
                        // Short bounds on a send, so the relay gives up and tries again within a short outage.
                        "MP_MESSAGING_OUTGOING_MIGRATION_EVENTS_MAX_BLOCK_MS", "2000",
                        "MP_MESSAGING_OUTGOING_MIGRATION_EVENTS_REQUEST_TIMEOUT_MS", "2000",
                        "MP_MESSAGING_OUTGOING_MIGRATION_EVENTS_DELIVERY_TIMEOUT_MS", "3000",
                        "CUTOVER_OUTBOX_SEND_TIMEOUT", "6s"))) {
            for (int i = 0; i < 2; i++) {
                String id = fixture.upload("broker-outage-" + i, 5000 + i);
                fixture.copyToNew(id);
                fixture.inLedger(id, "verified");
            }
            Map<String, List<String>> rowsBefore = fixture.locations();
            StackFaults faults = new StackFaults(fixture.stack);

            faults.stop("kafka");
            try {
                Instant start = Instant.now();
                HttpResponse<String> cutover = service.post(fixture.migrationId, "cutover");
                assertEquals(200, cutover.statusCode(), cutover.body());
                assertTrue(cutover.body().contains("\"state\":\"completed\""), cutover.body());
                assertFaster(start, "the cutover");
                assertEquals(List.of(EventRef.expected("cutover-started", 1), EventRef.expected("cutover-completed", 1)),
                        EventRef.withoutIds(EventRef.inOutbox(fixture)));
                assertEquals(2, EventRef.unsent(fixture), "both wait for the broker");
                HttpResponse<String> status = service.status(fixture.migrationId);
                assertTrue(status.body().contains("\"publishedAt\":null"), status.body());

                start = Instant.now();
                HttpResponse<String> rollback = service.post(fixture.migrationId, "rollback");
                assertEquals(200, rollback.statusCode(), rollback.body());
                assertFaster(start, "the rollback");
                assertEquals(rowsBefore, fixture.locations(), "rolled back");
                assertEquals(3, EventRef.unsent(fixture), "cutover-rolled-back waits too");
                assertEquals(200, service.readiness(), "a broker outage does not make the service unready");
                await("the relay gave up on a send and will try again").atMost(Duration.ofSeconds(30))
                        .until(() -> Files.readString(service.log()).contains("cutover outbox: publishing failed, will retry"));
            } finally {
                faults.start("kafka");
            }

            List<EventRef> recorded = EventRef.inOutbox(fixture);
            assertEquals(List.of(EventRef.expected("cutover-started", 1), EventRef.expected("cutover-completed", 1),
                    EventRef.expected("cutover-rolled-back", 1)), EventRef.withoutIds(recorded));
            await("the outbox is published after the outage").atMost(Duration.ofMinutes(2))
                    .until(() -> EventRef.unsent(fixture) == 0);
            List<EventRef> published = EventRef.of(MigrationEvents.of(fixture.migrationId, Duration.ofSeconds(30),
                    seen -> seen.size() >= recorded.size()));
            assertEquals(recorded, published, "the same events, in order, with the ids they were recorded with");
            assertEquals(List.of("apply " + fixture.migrationId + "-1", "restore " + fixture.migrationId + "-1"),
                    Files.readAllLines(dir.resolve("calls")));
        }
    }

    private static void assertFaster(Instant start, String what) {
        Duration took = Duration.between(start, Instant.now());
        assertTrue(took.compareTo(NOT_WAITING) < 0, what + " took " + took + ": it waited for the broker");
    }
}
