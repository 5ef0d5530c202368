package dev.glancemigrator.planner.ledger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.events.Verified;
import dev.glancemigrator.planner.support.Api;
import dev.glancemigrator.planner.support.Reports;
import dev.glancemigrator.planner.support.Topic;
import dev.glancemigrator.stack.GlanceApi;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.Sql;
import dev.glancemigrator.stack.StackFaults;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real outage of the ledger's database (MariaDB killed, then started again): the copy and verify
 * results that arrive meanwhile wait in their consumers, the planner says why it is unready, and
 * once the database answers they are applied, to the ledger and the audit trail, with none of them
 * dead-lettered.
 */
@Tag("stack")
@QuarkusTest
class LedgerSurvivesDatabaseOutageTest {

    private static final int IMAGE_BYTES = 4096;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** Longer than every try the consumers used to make before dead-lettering (5, 1 s apart). */
    private static final Duration OUTAGE = Duration.ofSeconds(15);

    private final LocalStack stack = LocalStack.current();
    private final GlanceApi glance = new GlanceApi(stack);
    private final StackFaults faults = new StackFaults(stack);
    private final Sql ledger = Sql.ledger(stack);

    @Test
    void resultsThatArriveDuringTheOutageAreAppliedAfterItAndNoneIsDeadLettered() throws Exception {
        String image = glance.createWithData("ledger-outage-" + UUID.randomUUID().toString().substring(0, 8),
                new byte[IMAGE_BYTES]);
        try {
            String migration = Api.planOldToNew();
            Reports reports = new Reports(migration, image);
            Copied copied = reports.copied(1, "copier-a", IMAGE_BYTES);
            Verified verified = reports.verified(1, "verifier-b", IMAGE_BYTES);

            Topic deadLettered = new Topic(Topics.DEAD_LETTER);
            faults.kill("mariadb");
            try {
                Reports.send(copied);
                Reports.send(verified);
                await().atMost(TIMEOUT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                        .body(containsString("ledger-consumers")));
                await("no dead letter during the outage").during(OUTAGE).atMost(OUTAGE.plusSeconds(10))
                        .pollInterval(Duration.ofSeconds(1)).until(() -> deadLettered.readAll(image).isEmpty());
            } finally {
                faults.start("mariadb");
            }

            await().atMost(TIMEOUT).until(() -> "verified".equals(ledger.rows(
                    "SELECT state FROM image_task WHERE migration_id = ? AND image_id = ?", migration, image)
                    .get(0).get("state")));
            // Each consumer retries on its own schedule: the verified result may be applied before the copied one.
            await("both results applied").atMost(TIMEOUT).untilAsserted(() -> assertEquals(2, ledger.count(
                    "SELECT COUNT(*) FROM processed_event WHERE event_id IN (?, ?)",
                    copied.eventId().toString(), verified.eventId().toString())));
            await().atMost(TIMEOUT).untilAsserted(() -> given().get("/migrations/" + migration + "/images/" + image
                    + "/events").then().statusCode(200).body(containsString("\"copied\""), containsString("\"verified\"")));
            await().atMost(TIMEOUT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
            List<?> dead = deadLettered.readAll(image);
            assertTrue(dead.isEmpty(), "no valid event was dead-lettered: " + dead.size());
        } finally {
            glance.delete(image);
        }
    }
}
