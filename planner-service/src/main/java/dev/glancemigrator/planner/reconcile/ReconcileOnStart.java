package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.planner.config.PlannerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Set;

/**
 * After start-up, reconciles every unfinished migration with the kept topics, once, in the background:
 * the planner is ready and its consumers run meanwhile (each event is still applied once). Reading a
 * long log takes a while, and a planner that waited for it would be unready for that long after every
 * restart. A pass that fails (Kafka or the database not answering yet) is tried again a little later,
 * for a while; then the operator reconciles on request.
 */
@ApplicationScoped
public class ReconcileOnStart {

    private static final Duration PAUSE = Duration.ofSeconds(30);
    private static final int TRIES = 20;

    private final Reconciler reconciler;
    private final LedgerAccess ledger;
    private final PlannerConfig config;
    private volatile Thread worker;
    private volatile boolean stopping;

    public ReconcileOnStart(Reconciler reconciler, LedgerAccess ledger, PlannerConfig config) {
        this.reconciler = reconciler;
        this.ledger = ledger;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.reconcile().onStart()) {
            Log.info("reconcile on start is off (planner.reconcile.on-start=false)");
            return;
        }
        Thread thread = new Thread(this::run, "reconcile-on-start");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        for (int tried = 1; !stopping; tried++) {
            if (tried > TRIES) {
                Log.warnf("reconcile on start: gave up after %d tries; POST /migrations/{id}/reconcile to reconcile "
                        + "a migration", TRIES);
                return;
            }
            try {
                Set<String> unfinished = ledger.unfinishedMigrations();
                if (unfinished.isEmpty()) {
                    Log.info("reconcile on start: no unfinished migration");
                    return;
                }
                Log.infof("reconcile on start: %d unfinished migrations", unfinished.size());
                if (reconciler.reconcile(unfinished).isPresent()) {
                    return;
                }
                Log.infof("reconcile on start: another reconcile is running; trying again in %s", PAUSE);
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                Log.warnf("reconcile on start failed, trying again in %s: %s", PAUSE, e.toString());
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
