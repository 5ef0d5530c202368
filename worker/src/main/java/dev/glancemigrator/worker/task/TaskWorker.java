package dev.glancemigrator.worker.task;

import dev.glancemigrator.api.DatabaseOutage;
import dev.glancemigrator.ceph.CephException;
import dev.glancemigrator.ceph.Errno;
import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.ImageEvent;
import dev.glancemigrator.events.MalformedEventException;
import dev.glancemigrator.events.MigrationEvent;
import dev.glancemigrator.worker.WorkerConfig;
import dev.glancemigrator.worker.WorkerSettings;
import dev.glancemigrator.worker.readiness.Dependencies;
import dev.glancemigrator.worker.slots.LargestFirstSlots;
import dev.glancemigrator.worker.slots.TaskSlots;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Runs each task a service's consumer receives to a reported end. A record that is not a task goes
 * to the dead-letter topic. At most {@link WorkerSettings#slots()} tasks run at once, the largest
 * first, and beside them as many small ones as {@link WorkerConfig.SmallTasks} allows. An outage is
 * never a result: while a dependency does not answer (checked again whenever a task fails) the task
 * waits, and a result the broker does not take is sent again until it does.
 * Other errors are retried with backoff, then reported through {@link TaskHandler#exhausted}. A task
 * stopped for shutdown, or given up because another instance took it over, stays unacknowledged, so
 * another instance takes it (or has it already).
 */
@ApplicationScoped
public class TaskWorker {

    private static final Logger LOG = Logger.getLogger(TaskWorker.class);

    private final EventCodec codec = new EventCodec();
    private final WorkerSettings settings;
    private final Dependencies dependencies;
    private final EventPublisher publisher;
    private final ShutdownDrain drain;
    private final TaskSlots slots;
    private final Backoff backoff;

    TaskWorker(WorkerSettings settings, Dependencies dependencies, EventPublisher publisher, ShutdownDrain drain,
            MeterRegistry metrics) {
        this.settings = settings;
        this.dependencies = dependencies;
        this.publisher = publisher;
        this.drain = drain;
        this.slots = new TaskSlots(settings.slots(), settings.config().smallTasks().slots(),
                settings.config().smallTasks().maxBytes());
        this.backoff = new Backoff(settings.config().retry().initialBackoff(), settings.config().retry().maxBackoff());
        metrics.gauge(settings.metric("active"), drain, ShutdownDrain::active);
        metrics.gauge(settings.metric("waiting"), slots, TaskSlots::waiting);
    }

    /** Acknowledges the message once its task is reported; dead-letters one that is not a task. */
    public <T extends MigrationEvent> CompletionStage<Void> take(Message<byte[]> message, TaskHandler<T> handler) {
        T task;
        try {
            task = codec.decode(message.getPayload(), handler.type());
        } catch (MalformedEventException e) {
            LOG.warnf("dead-lettering a record that is not a %s: %s", handler.type().getSimpleName(), e.getMessage());
            return message.nack(e);
        }
        if (!handler.wanted(task)) {
            return message.ack();
        }
        return run(handler, task) ? message.ack() : CompletableFuture.completedFuture(null);
    }

    /** True when a result was published; false when stopped for shutdown or given up. */
    <T extends MigrationEvent> boolean run(TaskHandler<T> handler, T task) {
        try (LargestFirstSlots.Lease slot = slots.lease(handler.size(task))) {
            if (!hold(slot)) {
                return false;
            }
            drain.started();
            try {
                return !drain.draining() && attempt(handler, task, slot);
            } finally {
                drain.ended();
            }
        }
    }

    private <T extends MigrationEvent> boolean attempt(TaskHandler<T> handler, T task, LargestFirstSlots.Lease slot) {
        TaskRun run = new TaskRun() {
            @Override
            public void progress(ImageEvent event) {
                publisher.progress(event);
            }

            @Override
            public boolean stopNow() {
                return drain.graceOver();
            }

            @Override
            public void freeSlot() {
                slot.free();
            }
        };
        for (int failures = 0; ; ) {
            if (!hold(slot) || !awaitDependencies()) {
                return false;
            }
            Optional<ImageEvent> result;
            try {
                result = handler.run(task, run);
            } catch (RuntimeException e) {
                if (!dependencies.recheck()) {
                    LOG.warnf("%s interrupted while %s do not answer (%s); it waits", handler.describe(task),
                            dependencies.problems().keySet(), e.getMessage());
                    continue;
                }
                if (outage(e)) {
                    // The dependencies answer again, but this run met one down (a connection the outage
                    // cut, a session refused meanwhile): run it again, uncounted, after a pause.
                    LOG.warnf("%s met an outage (%s); it runs again", handler.describe(task), e.getMessage());
                    if (!sleep(settings.config().probeInterval())) {
                        return false;
                    }
                    continue;
                }
                failures++;
                if (failures >= settings.config().retry().maxAttempts()) {
                    LOG.errorf(e, "%s failed %d times", handler.describe(task), failures);
                    return publish(handler, task, handler.exhausted(task, failures, e));
                }
                Duration pause = backoff.before(failures);
                LOG.warnf("%s failed (%s); retry %d in %s", handler.describe(task), e.getMessage(), failures, pause);
                if (!sleep(pause)) {
                    return false;
                }
                continue;
            }
            if (result.isEmpty()) {
                LOG.infof("%s given up here (shutdown, or another instance took it over); it stays unacknowledged",
                        handler.describe(task));
                return false;
            }
            return publish(handler, task, result.get());
        }
    }

    /**
     * True once the broker has the result; false when shutdown came first (the task stays
     * unacknowledged and is done again elsewhere, which every handler makes harmless).
     */
    private <T extends MigrationEvent> boolean publish(TaskHandler<T> handler, T task, ImageEvent result) {
        for (int failures = 1; ; failures++) {
            try {
                publisher.result(result);
                dependencies.brokerAnswers();
                return true;
            } catch (RuntimeException e) {
                dependencies.brokerFailed(String.valueOf(e.getMessage()));
                Duration pause = backoff.before(failures);
                LOG.warnf("the broker did not take the result of %s (%s); sending it again in %s",
                        handler.describe(task), e.getMessage(), pause);
                if (drain.draining() || !sleep(pause)) {
                    return false;
                }
            }
        }
    }

    /** A failure that says a database or a cluster did not answer, whatever the probes say now. */
    static boolean outage(Throwable failure) {
        if (DatabaseOutage.causedBy(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CephException ceph && (ceph.is(Errno.ETIMEDOUT) || ceph.is(Errno.ECONNREFUSED)
                    || ceph.blocklisted())) {
                return true;
            }
        }
        return false;
    }

    /** False when interrupted (shutdown). */
    private static boolean hold(LargestFirstSlots.Lease slot) {
        try {
            slot.hold();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** False when shutdown came first. */
    private boolean awaitDependencies() {
        while (!dependencies.ready()) {
            if (drain.draining() || !sleep(settings.config().probeInterval())) {
                return false;
            }
        }
        return true;
    }

    private boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return !drain.graceOver();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
