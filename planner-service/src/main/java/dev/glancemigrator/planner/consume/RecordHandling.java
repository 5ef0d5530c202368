package dev.glancemigrator.planner.consume;

import dev.glancemigrator.api.DatabaseOutage;
import dev.glancemigrator.events.MalformedEventException;
import dev.glancemigrator.planner.config.PlannerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * How every planner consumer settles a record. Applied: ack. Malformed (a poison pill): nack, so the
 * channel's dead-letter strategy moves it aside and consumption goes on. An outage is not a bad
 * record: when processing fails and the ledger database does not answer, the record is held, not
 * counted, and tried again with a growing pause for as long as the outage lasts, the consumer
 * reading nothing else meanwhile and the planner unready ({@link ConsumerOutage}). Only a record that
 * the answering database refuses {@code tries} times goes to the dead-letter topic. While the planner
 * shuts down a failed record is neither acked nor nacked: its offset is not committed and it is read
 * again after the restart.
 */
@ApplicationScoped
public class RecordHandling {

    private final int tries;
    private final Duration backoff;
    private final Duration maxOutageBackoff;
    private final Supplier<Optional<String>> databaseProblem;
    private final ConsumerOutage outage;
    private volatile boolean stopping;

    @Inject
    public RecordHandling(PlannerConfig config, LedgerDatabase ledger, ConsumerOutage outage) {
        this(config.consumers().tries(), config.consumers().retryBackoff(), config.consumers().maxOutageBackoff(),
                ledger::problem, outage);
    }

    RecordHandling(int tries, Duration backoff, Duration maxOutageBackoff, Supplier<Optional<String>> databaseProblem,
            ConsumerOutage outage) {
        this.tries = tries;
        this.backoff = backoff;
        this.maxOutageBackoff = maxOutageBackoff;
        this.databaseProblem = databaseProblem;
        this.outage = outage;
    }

    void stopping(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping();
    }

    void stopping() {
        stopping = true;
    }

    public CompletionStage<Void> settle(String consumer, Message<byte[]> record, Consumer<Message<byte[]>> work) {
        Duration outagePause = backoff;
        for (int refused = 0; ; ) {
            if (stopping) {
                return leaveForRedelivery();
            }
            try {
                work.accept(record);
                outage.over(consumer);
                return record.ack();
            } catch (MalformedEventException e) {
                Log.warnf("%s: malformed record sent to the dead-letter topic: %s", consumer, e.getMessage());
                outage.over(consumer);
                return record.nack(e);
            } catch (RuntimeException e) {
                if (stopping) {
                    return leaveForRedelivery();
                }
                Optional<String> down = databaseProblem.get();
                if (down.isEmpty() && DatabaseOutage.causedBy(e)) {
                    // The check found the database back, but this record met it down (a connection cut by
                    // the outage, a restart): try again, uncounted.
                    down = Optional.of(e.getMessage());
                }
                if (down.isPresent()) {
                    outage.waiting(consumer, "ledger database does not answer: " + down.get());
                    Log.warnf("%s: the ledger database does not answer (%s); the record waits, trying again in %s",
                            consumer, down.get(), outagePause);
                    if (!pause(outagePause)) {
                        return leaveForRedelivery();
                    }
                    outagePause = min(outagePause.multipliedBy(2), maxOutageBackoff);
                    continue;
                }
                refused++;
                if (refused >= tries) {
                    Log.errorf(e, "%s: the ledger database refused the record %d times; sending it to the dead-letter topic",
                            consumer, tries);
                    outage.over(consumer);
                    return record.nack(e);
                }
                Log.warnf("%s: record failed (try %d of %d), trying again: %s", consumer, refused, tries, e.getMessage());
                if (!pause(backoff)) {
                    return leaveForRedelivery();
                }
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static CompletionStage<Void> leaveForRedelivery() {
        return CompletableFuture.completedFuture(null);
    }

    private boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
