package dev.glancemigrator.worker.readiness;

import dev.glancemigrator.worker.WorkerSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Every {@link Dependency} of the service, probed every {@code probe-interval} and again whenever a
 * task fails: the verdict is the service's readiness, and each change fires
 * {@link DependenciesReady}. The broker is known to be down only when a send fails, so the worker
 * reports that here itself.
 */
@ApplicationScoped
public class Dependencies {

    /** The part a failed send names: the broker has no probe of its own here. */
    public static final String BROKER = "kafka";

    private static final Logger LOG = Logger.getLogger(Dependencies.class);

    private final WorkerSettings settings;
    private final Instance<Dependency> dependencies;
    private final Event<DependenciesReady> readyEvents;
    /** One probe round at a time; state changes take {@code this}, briefly, never during a probe. */
    private final Object probing = new Object();
    private final Object firing = new Object();
    private volatile String brokerProblem;
    private volatile Map<String, String> probed = Map.of("*", "not probed yet");
    private volatile Map<String, String> problems = Map.of("*", "not probed yet");
    private boolean announced;
    private ScheduledExecutorService prober;

    Dependencies(WorkerSettings settings, @Any Instance<Dependency> dependencies, Event<DependenciesReady> readyEvents) {
        this.settings = settings;
        this.dependencies = dependencies;
        this.readyEvents = readyEvents;
    }

    void start(@Observes StartupEvent started) {
        prober = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "dependency-probe"));
        prober.scheduleWithFixedDelay(this::scheduledProbe, 0, settings.config().probeInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (prober != null) {
            prober.shutdownNow();
        }
    }

    public boolean ready() {
        return problems.isEmpty();
    }

    /** What does not answer, by part; empty when ready. */
    public Map<String, String> problems() {
        return problems;
    }

    /** Probes every dependency now; true when all answer. */
    public boolean recheck() {
        synchronized (probing) {
            Map<String, String> found = new LinkedHashMap<>();
            for (Dependency dependency : dependencies) {
                try {
                    found.putAll(dependency.problems());
                } catch (RuntimeException e) {
                    found.put(dependency.getClass().getSimpleName(), String.valueOf(e.getMessage()));
                }
            }
            probed = Map.copyOf(found);
        }
        return publish();
    }

    /** A send to the broker failed: unready until one succeeds. */
    public void brokerFailed(String why) {
        brokerProblem = why;
        publish();
    }

    /** A send to the broker succeeded. */
    public void brokerAnswers() {
        if (brokerProblem != null) {
            brokerProblem = null;
            publish();
        }
    }

    /** A probe that fails in any way must not end the schedule: readiness would freeze. */
    private void scheduledProbe() {
        try {
            recheck();
        } catch (Throwable e) {
            LOG.errorf(e, "probing the dependencies failed; probing again in %s", settings.config().probeInterval());
        }
    }

    /** Combines the probes with the broker's state; fires on a change. True when ready. */
    private boolean publish() {
        boolean changed;
        boolean now;
        synchronized (this) {
            Map<String, String> found = new LinkedHashMap<>(probed);
            String broker = brokerProblem;
            if (broker != null) {
                found.put(BROKER, broker);
            }
            boolean before = ready();
            problems = Map.copyOf(found);
            now = ready();
            changed = now != before || !announced;
            announced = true;
        }
        if (changed) {
            // Fired outside the state's lock (observers pause or resume a channel), in turn, and
            // with the state as it is then, so a later change is never overtaken by an earlier one.
            synchronized (firing) {
                boolean current = ready();
                if (current) {
                    LOG.info("every dependency answers: ready");
                } else {
                    LOG.warnf("not ready: %s", problems);
                }
                readyEvents.fire(new DependenciesReady(current));
            }
        }
        return now;
    }
}
