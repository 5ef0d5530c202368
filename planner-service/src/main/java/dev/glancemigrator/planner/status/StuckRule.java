package dev.glancemigrator.planner.status;

import dev.glancemigrator.planner.ledger.TaskState;
import java.util.Comparator;
import java.util.List;

/**
 * When an image counts as stuck, and what it waits for; pure, so the rules are tested without a database.
 *
 * <p>An image copying or verifying is stuck when its worker has reported nothing (no progress, no
 * result) for {@code planner.status.stuck-after}: workers report progress every few seconds. An image
 * planned or copied waits in a topic for a free copier or verifier, which in a large migration can take
 * hours while everything moves; it is stuck only when, besides, nothing in its migration has moved for
 * that long. That is how an image whose result the ledger lost shows: left {@code copied} (or
 * {@code copying}) when everything else is done.
 */
public final class StuckRule {

    private StuckRule() {
    }

    /** The states to look in, given whether anything in the migration moved within the limit. */
    public static List<TaskState> statesToCheck(boolean migrationMoving) {
        return migrationMoving
                ? List.of(TaskState.COPYING, TaskState.VERIFYING)
                : List.of(TaskState.PLANNED, TaskState.COPYING, TaskState.COPIED, TaskState.VERIFYING);
    }

    /**
     * @param taskUnsent for a planned image: its copy task is still in the outbox, not yet on Kafka
     */
    public static String waitingFor(TaskState state, boolean taskUnsent) {
        return switch (state) {
            case PLANNED -> taskUnsent ? "the outbox relay to publish its copy task (is Kafka answering?)"
                    : "a copier to take its copy task";
            case COPYING -> "the copier's result (no progress reported since)";
            case COPIED -> "a verifier to verify its copy";
            case VERIFYING -> "the verifier's result (no progress reported since)";
            default -> throw new IllegalArgumentException(state.label() + " waits for nothing");
        };
    }

    /** The oldest first, at most {@code listed}; {@code more} when there were others. */
    public static <T> Listing<T> oldestFirst(List<T> found, Comparator<T> oldestFirst, int listed) {
        List<T> sorted = found.stream().sorted(oldestFirst).toList();
        return new Listing<>(sorted.stream().limit(listed).toList(), sorted.size() > listed);
    }

    public record Listing<T>(List<T> items, boolean more) {
    }
}
