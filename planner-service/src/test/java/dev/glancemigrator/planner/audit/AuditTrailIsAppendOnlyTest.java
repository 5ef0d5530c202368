package dev.glancemigrator.planner.audit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.planner.support.Api;
import dev.glancemigrator.stack.Sql;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The audit store refuses changes and deletions, even to the ledger's own database user. */
@QuarkusTest
@Tag("stack")
class AuditTrailIsAppendOnlyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Sql ledger = Sql.ledger();

    @Test
    void updatesAndDeletesOfAuditedEventsAreRefused() {
        String migrationId = Api.planOldToNew();
        await("the plan is audited").atMost(TIMEOUT).until(() -> ledger.count(
                "SELECT COUNT(*) FROM audit_event WHERE migration_id = ?", migrationId) > 0);
        // More of the plan's events may still arrive: look at the rows there now.
        long last = ledger.count("SELECT MAX(id) FROM audit_event WHERE migration_id = ?", migrationId);
        long before = ledger.count("SELECT COUNT(*) FROM audit_event WHERE migration_id = ? AND id <= ?",
                migrationId, last);

        IllegalStateException update = assertThrows(IllegalStateException.class, () -> ledger.execute(
                "UPDATE audit_event SET host = 'someone-else' WHERE migration_id = ?", migrationId));
        assertTrue(update.getMessage().contains("append-only"), update.getMessage());
        IllegalStateException delete = assertThrows(IllegalStateException.class, () -> ledger.execute(
                "DELETE FROM audit_event WHERE migration_id = ?", migrationId));
        assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());

        assertEquals(before, ledger.count("SELECT COUNT(*) FROM audit_event WHERE migration_id = ? AND id <= ? "
                + "AND host <> 'someone-else'", migrationId, last));
    }
}
