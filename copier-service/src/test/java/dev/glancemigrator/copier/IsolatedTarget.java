package dev.glancemigrator.copier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The target cluster under a name only a test's own copiers know. Every copier on the stack (its
 * own, other tests') consumes the task topic in a group of its own and would race for the lock; to
 * them these tasks name an unknown cluster, and they touch nothing.
 */
public final class IsolatedTarget {

    public static final String CLUSTER = "isolated";

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();

    /** The copier settings that make the isolated cluster the target cluster, read-write, through {@code conf}. */
    public static Map<String, String> settings(String conf, String user, String pool) {
        Map<String, String> settings = new HashMap<>();
        settings.put("COPIER_CLUSTERS_ISOLATED_CONF", conf);
        settings.put("COPIER_CLUSTERS_ISOLATED_CLIENT_ID", user);
        settings.put("COPIER_CLUSTERS_ISOLATED_POOL", pool);
        settings.put("COPIER_CLUSTERS_ISOLATED_WRITABLE", "true");
        return settings;
    }

    /** Publishes the task with its target renamed to the isolated cluster. */
    public void publish(CopyTopics topics, CopyTask task) {
        try {
            ObjectNode event = (ObjectNode) json.readTree(codec.encode(task));
            ((ObjectNode) event.get("target")).put("cluster", CLUSTER);
            topics.publishRaw(task.key(), json.writeValueAsBytes(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
