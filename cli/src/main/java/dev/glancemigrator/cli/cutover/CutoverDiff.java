package dev.glancemigrator.cli.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A dry run as a reviewer reads a change: blockers first (loudly), then warnings, then each location row's
 * value and meta data as a diff, then the config changes per Glance node, in rollout order.
 */
public final class CutoverDiff {

    private CutoverDiff() {
    }

    /** @param rowsShown how many location rows are shown before a count (negative: all) */
    public static List<String> lines(JsonNode plan, int rowsShown) {
        List<String> lines = new ArrayList<>();
        JsonNode blockers = plan.path("blockers");
        lines.add("Dry run: " + plan.path("runKind").asText("full") + " cutover of migration "
                + plan.path("migrationId").asText() + ", nothing changed");
        lines.add("  source rbd://" + plan.path("sourceFsid").asText("?") + "/" + plan.path("sourcePool").asText("?")
                + " -> target " + plan.path("targetCluster").asText("?") + " rbd://" + plan.path("targetFsid").asText("?")
                + "/" + plan.path("targetPool").asText("?"));
        lines.add("");
        if (!blockers.isEmpty()) {
            lines.add("!!! BLOCKED: the cutover would be refused (" + blockers.size() + " blockers) !!!");
            for (JsonNode blocker : blockers) {
                lines.add("  ✗ " + blocker.path("code").asText("?")
                        + (blocker.hasNonNull("imageId") ? " image " + blocker.get("imageId").asText() : "")
                        + ": " + blocker.path("detail").asText(""));
            }
            lines.add("");
        } else {
            lines.add(plan.path("ready").asBoolean(true) ? "READY: every precondition holds" : "NOT READY");
            lines.add("");
        }
        JsonNode warnings = plan.path("warnings");
        if (!warnings.isEmpty()) {
            lines.add("Warnings (" + warnings.size() + "):");
            for (JsonNode warning : warnings) {
                lines.add("  ! " + warning.path("type").asText("warning")
                        + (warning.hasNonNull("imageId") ? " image " + warning.get("imageId").asText() : "")
                        + ": " + warning.path("detail").asText(""));
            }
            lines.add("");
        }
        rows(lines, plan.path("locationChanges"), rowsShown);
        config(lines, plan.path("config"));
        return lines;
    }

    private static void rows(List<String> lines, JsonNode changes, int rowsShown) {
        lines.add("Location rows (glance.image_locations): " + changes.size());
        int shown = rowsShown < 0 ? changes.size() : Math.min(rowsShown, changes.size());
        for (int i = 0; i < shown; i++) {
            JsonNode row = changes.get(i);
            lines.add("  row " + row.path("locationId").asLong() + ", image " + row.path("imageId").asText());
            lines.add("  - " + row.path("oldValue").asText());
            lines.add("  + " + row.path("newValue").asText());
            if (!Objects.equals(row.path("oldMetaData").asText(null), row.path("newMetaData").asText(null))) {
                lines.add("  - meta_data " + row.path("oldMetaData").asText(""));
                lines.add("  + meta_data " + row.path("newMetaData").asText(""));
            }
        }
        if (shown < changes.size()) {
            lines.add("  … and " + (changes.size() - shown) + " more rows (--all shows every row)");
        }
        lines.add("");
    }

    private static void config(List<String> lines, JsonNode config) {
        if (config.isMissingNode() || config.isNull()) {
            lines.add("Config: unchanged (a delta run: Glance already reads the target)");
            return;
        }
        lines.add("Config (" + config.path("kind").asText("?") + " switch):");
        for (String node : nodes(config)) {
            lines.add("  on " + node + ":");
            for (JsonNode file : config.path("files")) {
                if (node.equals(file.path("node").asText())) {
                    lines.add("    write " + file.path("path").asText() + " (" + file.path("purpose").asText("") + ")"
                            + (file.hasNonNull("contentFrom") ? ", copied from " + file.get("contentFrom").asText() : ""));
                    if (file.hasNonNull("content")) {
                        for (String line : file.get("content").asText().split("\n")) {
                            lines.add("    + " + line);
                        }
                    }
                }
            }
            Map<String, List<JsonNode>> sections = new LinkedHashMap<>();
            for (JsonNode edit : config.path("edits")) {
                if (node.equals(edit.path("node").asText())) {
                    sections.computeIfAbsent(edit.path("path").asText() + " [" + edit.path("section").asText() + "]",
                            k -> new ArrayList<>()).add(edit);
                }
            }
            sections.forEach((where, edits) -> {
                lines.add("    " + where);
                for (JsonNode edit : edits) {
                    if (edit.hasNonNull("oldValue")) {
                        lines.add("    - " + edit.path("key").asText() + " = " + edit.get("oldValue").asText());
                    }
                    if (edit.hasNonNull("newValue")) {
                        lines.add("    + " + edit.path("key").asText() + " = " + edit.get("newValue").asText());
                    }
                }
            });
            for (JsonNode step : config.path("rollout")) {
                if (node.equals(step.path("node").asText())) {
                    lines.add("    then: " + (step.hasNonNull("restartCommand") ? "restart with `"
                            + step.get("restartCommand").asText() + "`" : "restarted by the switch command")
                            + ", must serve the sample at " + step.path("url").asText());
                }
            }
        }
        JsonNode command = config.path("command");
        if (command.isObject()) {
            List<String> argv = new ArrayList<>();
            command.path("argv").forEach(a -> argv.add(a.asText()));
            lines.add("  switch command: " + String.join(" ", argv));
            command.path("environment").fields().forEachRemaining(e ->
                    lines.add("    " + e.getKey() + "=" + e.getValue().asText()));
        }
    }

    /** The nodes in rollout order, then any only a file or an edit names. */
    private static Set<String> nodes(JsonNode config) {
        Set<String> nodes = new LinkedHashSet<>();
        config.path("rollout").forEach(n -> nodes.add(n.path("node").asText()));
        config.path("files").forEach(n -> nodes.add(n.path("node").asText()));
        config.path("edits").forEach(n -> nodes.add(n.path("node").asText()));
        return nodes;
    }

    /** A finished cutover or rollback (CutoverResult). */
    public static List<String> result(String verb, JsonNode result) {
        List<String> lines = new ArrayList<>();
        lines.add(verb + " migration " + result.path("migrationId").asText() + ": attempt " + result.path("attempt").asInt()
                + ", " + result.path("kind").asText("?") + " run " + result.path("state").asText("?") + ", "
                + result.path("locationRows").asLong() + " location rows in "
                + result.path("durationMillis").asLong() / 1000.0 + " s"
                + (result.hasNonNull("operator") ? " (by " + result.get("operator").asText() + ")" : ""));
        JsonNode left = result.path("imagesLeftOnSource");
        if (!left.isEmpty()) {
            lines.add(left.size() + " images still on the source (uploaded during the switch): replan, let them copy "
                    + "and verify, then cut over again for a delta run:");
            left.forEach(id -> lines.add("  " + id.asText()));
        }
        return lines;
    }
}
