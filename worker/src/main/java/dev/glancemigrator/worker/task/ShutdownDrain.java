package dev.glancemigrator.worker.task;

import dev.glancemigrator.worker.WorkerSettings;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * SIGTERM drains: no new task starts, tasks in flight get {@code drain-grace} to finish, then they
 * are abandoned (a copy's partial image stays, resumable) and their records, never acknowledged, go
 * to another instance.
 */
@ApplicationScoped
public class ShutdownDrain {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);
    private static final long POLL_MILLIS = 100;

    private final WorkerSettings settings;
    private final ConsumptionSwitch consumption;
    private final AtomicInteger active = new AtomicInteger();
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile boolean draining;

    ShutdownDrain(WorkerSettings settings, ConsumptionSwitch consumption) {
        this.settings = settings;
        this.consumption = consumption;
    }

    boolean draining() {
        return draining;
    }

    /** Whether tasks in flight must stop now. */
    boolean graceOver() {
        return draining && System.nanoTime() > deadlineNanos;
    }

    int active() {
        return active.get();
    }

    void started() {
        active.incrementAndGet();
    }

    void ended() {
        active.decrementAndGet();
    }

    void drain(@Observes ShutdownEvent stopping) {
        Duration grace = settings.config().drainGrace();
        deadlineNanos = System.nanoTime() + grace.toNanos();
        draining = true;
        consumption.pauseForShutdown();
        LOG.infof("draining: %d %s in flight, up to %s", active.get(), settings.tasks(), grace);
        // Twice the grace: abandoned tasks still close their images before they return.
        while (active.get() > 0 && System.nanoTime() < deadlineNanos + grace.toNanos()) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.info("drain complete");
    }
}
