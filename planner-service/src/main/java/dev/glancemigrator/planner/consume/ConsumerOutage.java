package dev.glancemigrator.planner.consume;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which consumers hold a record because the ledger database does not answer, and why. */
@ApplicationScoped
public class ConsumerOutage {

    private final Map<String, String> waiting = new ConcurrentHashMap<>();

    void waiting(String consumer, String why) {
        waiting.put(consumer, why);
    }

    void over(String consumer) {
        waiting.remove(consumer);
    }

    public boolean any() {
        return !waiting.isEmpty();
    }

    public Map<String, String> waiting() {
        return Map.copyOf(waiting);
    }
}
