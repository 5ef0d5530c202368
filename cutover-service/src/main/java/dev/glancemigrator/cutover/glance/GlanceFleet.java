package dev.glancemigrator.cutover.glance;

import dev.glancemigrator.cutover.config.CutoverConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configured glance-api processes ({@code cutover.glance.nodes.<name>.*}), in the order of their
 * names: the order in which they are switched, restarted and checked, one at a time, so that a node
 * that does not come back stops the rollout while the nodes after it still serve.
 */
@ApplicationScoped
public class GlanceFleet {

    private final List<GlanceNode> nodes;

    @Inject
    GlanceFleet(CutoverConfig config) {
        this(config.glance().nodes());
    }

    GlanceFleet(Map<String, CutoverConfig.Node> configured) {
        List<GlanceNode> all = new ArrayList<>();
        new TreeMap<>(configured).forEach((name, node) -> all.add(new GlanceNode(name, node.url(), node.conf(),
                node.restartCommand(), node.cephDir().orElseGet(() -> node.conf()
                        .map(conf -> conf.toAbsolutePath().getParent().resolve("ceph")).orElse(Path.of("ceph"))))));
        this.nodes = List.copyOf(all);
    }

    public List<GlanceNode> nodes() {
        return nodes;
    }

    /** Refuses, at start-up, a fleet the {@code file} switch cannot work with: every node needs its conf and restart command. */
    void requireFiles() {
        for (GlanceNode node : nodes) {
            if (node.conf().isEmpty()) {
                throw new IllegalStateException("cutover.glance.nodes." + node.name()
                        + ".conf (its glance-api.conf) must be set for the file switch");
            }
            if (node.restartCommand().filter(command -> !command.isBlank()).isEmpty()) {
                throw new IllegalStateException("cutover.glance.nodes." + node.name()
                        + ".restart-command must be set for the file switch");
            }
        }
    }
}
