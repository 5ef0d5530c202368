package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.events.ImageEvent;
import dev.glancemigrator.planner.ledger.TaskReports;
import dev.glancemigrator.planner.ledger.TaskState;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What a reconcile needs of the ledger; {@link LedgerAccess} in the planner, a fake in unit tests. */
public interface LedgerPort {

    /** Those of {@code eventIds} that {@code consumer} has applied already. */
    Set<UUID> processed(String consumer, Collection<UUID> eventIds);

    /** The image's state now; empty when the migration has no such image. */
    Optional<TaskState> state(String migrationId, String imageId);

    /** Applies a report exactly as the consumer named would: its id is claimed, once. */
    TaskReports.Result apply(ImageEvent report, String consumer);
}
