package dev.glancemigrator.copier.task;

import dev.glancemigrator.copier.CopierConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * SIGTERM drains: no new copy starts, copies in flight get {@code copier.drain-grace} to finish,
 * then they are abandoned (their partial images stay, resumable) and their tasks, never
 * acknowledged, go to another copier.
 */
@ApplicationScoped
public class ShutdownDrain {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);
    private static final long POLL_MILLIS = 100;

    private final CopierConfig config;
    private final ConsumptionSwitch consumption;
    private final AtomicInteger active = new AtomicInteger();
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile boolean draining;

    ShutdownDrain(CopierConfig config, ConsumptionSwitch consumption) {
        this.config = config;
        this.consumption = consumption;
    }

    boolean draining() {
        return draining;
    }

    /** Whether copies in flight must stop now. */
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
        deadlineNanos = System.nanoTime() + config.drainGrace().toNanos();
        draining = true;
        consumption.pauseForShutdown();
        LOG.infof("draining: %d copies in flight, up to %s", active.get(), config.drainGrace());
        while (active.get() > 0 && System.nanoTime() < deadlineNanos + config.drainGrace().toNanos()) {
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
