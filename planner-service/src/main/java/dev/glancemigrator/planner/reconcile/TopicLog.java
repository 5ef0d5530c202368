package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The kept topics, read from their beginning: what the ledger and the audit trail are projections of. */
public interface TopicLog {

    /** The topics kept for good: everything the ledger and the audit trail are made from. */
    List<String> KEPT = List.of(Topics.COPY_TASKS, Topics.COPY_RESULTS, Topics.VERIFY_RESULTS,
            Topics.MIGRATION_EVENTS);

    /**
     * Hands every record of the kept topics, from the beginning up to the end each partition had when
     * the read began, to {@code batches}, in offset order within each partition.
     *
     * @return true when it got to those ends before {@code deadline}; false when it stopped there
     */
    boolean read(Instant deadline, Consumer<List<LogRecord>> batches);
}
