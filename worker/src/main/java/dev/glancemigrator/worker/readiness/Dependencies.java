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
    private final Map<String, String> brokerProblem = new LinkedHashMap<>();
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
        prober.scheduleWithFixedDelay(this::recheck, 0, settings.config().probeInterval().toMillis(),
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
    public synchronized boolean recheck() {
        Map<String, String> found = new LinkedHashMap<>(brokerProblem);
        for (Dependency dependency : dependencies) {
            try {
                found.putAll(dependency.problems());
            } catch (RuntimeException e) {
                found.put(dependency.getClass().getSimpleName(), String.valueOf(e.getMessage()));
            }
        }
        update(found);
        return found.isEmpty();
    }

    /** A send to the broker failed: unready until one succeeds. */
    public synchronized void brokerFailed(String why) {
        brokerProblem.put(BROKER, why);
        Map<String, String> found = new LinkedHashMap<>(problems);
        found.remove("*");
        found.putAll(brokerProblem);
        update(found);
    }

    /** A send to the broker succeeded. */
    public synchronized void brokerAnswers() {
        if (brokerProblem.remove(BROKER) != null) {
            Map<String, String> found = new LinkedHashMap<>(problems);
            found.remove(BROKER);
            update(found);
        }
    }

    private void update(Map<String, String> found) {
        boolean before = ready();
        problems = Map.copyOf(found);
        boolean now = ready();
        if (now != before || !announced) {
            announced = true;
            if (now) {
                LOG.info("every dependency answers: ready");
            } else {
                LOG.warnf("not ready: %s", problems);
            }
            readyEvents.fire(new DependenciesReady(now));
        }
    }
}
