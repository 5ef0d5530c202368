package dev.glancemigrator.worker.task;

import dev.glancemigrator.events.ImageEvent;
import dev.glancemigrator.events.MigrationEvent;
import java.util.Optional;

/**
 * What a worker service does with one task; {@link TaskWorker} does the rest (decoding, slots,
 * waiting out outages, retries, publishing, acknowledging).
 */
public interface TaskHandler<T extends MigrationEvent> {

    /** What a record must decode as; anything else is dead-lettered. */
    Class<T> type();

    /** Whether this service acts on the record at all; the others are acknowledged untouched. */
    default boolean wanted(T task) {
        return true;
    }

    /** What the task costs a slot: the largest waiting task takes the next free one. */
    long size(T task);

    /** The task in log lines. */
    String describe(T task);

    /**
     * Runs the task once to its result event, or to nothing when it stopped for shutdown or found
     * that another instance took it over (the task then stays unacknowledged, for that instance or
     * another). An exception is a transient failure: retried.
     */
    Optional<ImageEvent> run(T task, TaskRun run);

    /** The result to report once every retry of a transient failure has failed. */
    ImageEvent exhausted(T task, int failures, RuntimeException last);
}
