package dev.glancemigrator.planner.consume;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * How every planner consumer settles a record. Applied: ack. Malformed (a poison pill): nack, so the
 * channel's dead-letter strategy moves it aside and consumption goes on. Any other failure is
 * probably passing (the database restarting), so it is tried again a few times before it, too, goes
 * to the dead-letter topic with its reason. While the planner shuts down a failed record is neither
 * acked nor nacked: its offset is not committed and it is read again after the restart, instead of a
 * valid event landing on the dead-letter topic because the database pool closed first.
 */
@ApplicationScoped
public class RecordHandling {

    private final int tries;
    private final Duration backoff;
    private volatile boolean stopping;

    @Inject
    public RecordHandling(PlannerConfig config) {
        this(config.consumers().tries(), config.consumers().retryBackoff());
    }

    RecordHandling(int tries, Duration backoff) {
        this.tries = tries;
        this.backoff = backoff;
    }

    void stopping(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping();
    }

    void stopping() {
        stopping = true;
    }

    public CompletionStage<Void> settle(Message<byte[]> record, Consumer<Message<byte[]>> work) {
        for (int attempt = 1; ; attempt++) {
            if (stopping) {
                return leaveForRedelivery();
            }
            try {
                work.accept(record);
                return record.ack();
            } catch (MalformedEventException e) {
                Log.warnf("malformed record sent to the dead-letter topic: %s", e.getMessage());
                return record.nack(e);
            } catch (RuntimeException e) {
                if (stopping) {
                    return leaveForRedelivery();
                }
                if (attempt >= tries) {
                    Log.errorf(e, "record failed %d times; sending it to the dead-letter topic", tries);
                    return record.nack(e);
                }
                Log.warnf("record failed (try %d of %d), trying again: %s", attempt, tries, e.getMessage());
                if (!pause()) {
                    return leaveForRedelivery();
                }
            }
        }
    }

    private static CompletionStage<Void> leaveForRedelivery() {
        return CompletableFuture.completedFuture(null);
    }

    private boolean pause() {
        try {
            Thread.sleep(backoff.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
