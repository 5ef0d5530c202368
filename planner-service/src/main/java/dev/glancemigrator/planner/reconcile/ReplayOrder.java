package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.events.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which one image's events are applied when they are replayed from the topics: by
 * attempt; within an attempt the task, then its copy results, then its verify results; within one
 * topic in the order they were produced (an image's records sit in one partition, by key).
 *
 * <p>Why it matters: the ledger records an event's id as processed whether or not the event changed
 * the task, and ignores a report on another attempt than the task's current one. So a report applied
 * before its cause is lost for good: a {@code copied} applied after the {@code verified} of the same
 * attempt is ignored (the image is verified already) and the copy's facts never reach the ledger; a
 * {@code copied} of attempt 2 applied before the {@code verification-failed} of attempt 1 that
 * caused attempt 2 is ignored as stale, and the retry then publishes attempt 2 again. Read topic by
 * topic, the log hands them over in exactly those wrong orders. The order here is the causal one:
 * attempt n's task leads to its copy results, a {@code copied} to its verify results, and a failure
 * of attempt n to the task of attempt n + 1. {@code occurredAt} is not used: it comes from different
 * hosts' clocks.
 */
public final class ReplayOrder {

    /** For the events of one image. */
    public static final Comparator<LoggedEvent> OF_ONE_IMAGE = Comparator
            .comparingInt((LoggedEvent e) -> e.event().attempt())
            .thenComparingInt(e -> phase(e.topic()))
            .thenComparingInt(LoggedEvent::partition)
            .thenComparingLong(LoggedEvent::offset);

    private ReplayOrder() {
    }

    public static List<LoggedEvent> sorted(Collection<LoggedEvent> eventsOfOneImage) {
        List<LoggedEvent> sorted = new ArrayList<>(eventsOfOneImage);
        sorted.sort(OF_ONE_IMAGE);
        return sorted;
    }

    /** Where a topic's events come in one attempt's life. */
    static int phase(String topic) {
        return switch (topic) {
            case Topics.COPY_TASKS -> 0;
            case Topics.COPY_RESULTS -> 1;
            case Topics.VERIFY_RESULTS -> 2;
            default -> 3;
        };
    }
}
