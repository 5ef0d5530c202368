package dev.glancemigrator.cutover.glance;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a config switch writes, exactly; key material is never shown, only where it is copied from. */
@Schema(description = "The config changes a cutover makes to Glance")
public record ConfigSwitchPlan(String kind, List<FileWrite> files, List<ConfEdit> edits, Command command,
        List<NodeRollout> rollout) {

    @Schema(description = "A file written whole; content is null for a keyring (copied from contentFrom)")
    public record FileWrite(String node, String path, String purpose, String content, String contentFrom) {
    }

    @Schema(description = "One key of one section of an ini file, before and after")
    public record ConfEdit(String node, String path, String section, String key, String oldValue, String newValue) {
    }

    @Schema(description = "The command switch: what it would run, with which environment (added to the service's)")
    public record Command(List<String> argv, Map<String, String> environment) {
    }

    @Schema(description = "One Glance node, in rollout order: its restart command (null: the switch command restarts it)"
            + " and the URL that must answer and serve the sample afterwards")
    public record NodeRollout(String node, String url, String restartCommand) {
    }

    static List<NodeRollout> rollout(GlanceFleet fleet, boolean restartedByUs) {
        return fleet.nodes().stream().map(node -> new NodeRollout(node.name(), node.url().toString(),
                restartedByUs ? node.restartCommand().orElse(null) : null)).toList();
    }
}
