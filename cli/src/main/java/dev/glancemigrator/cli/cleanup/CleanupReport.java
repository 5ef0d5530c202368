package dev.glancemigrator.cli.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glancemigrator.cli.render.Table;
import dev.glancemigrator.cli.render.Table.Column;
import java.util.ArrayList;
import java.util.List;

/** The cutover service's dependents, cleanup plan and cleanup result as text. */
public final class CleanupReport {

    static final int REASON_LIMIT = 70;

    private CleanupReport() {
    }

    public static List<String> dependents(JsonNode answer) {
        List<String> lines = new ArrayList<>();
        lines.add("migration " + answer.path("migrationId").asText() + " on " + answer.path("sourceCluster").asText("?")
                + ": " + answer.path("imagesWithDependents").asLong() + " of " + answer.path("imagesChecked").asLong()
                + " images have dependents (" + answer.path("dependents").asLong() + " in all)");
        Table table = new Table(Column.left("IMAGE"), Column.left("NAME", 30), Column.left("SOURCE"),
                Column.left("DEPENDENT"), Column.left("KIND"), Column.left("IN TRASH"));
        for (JsonNode image : answer.path("items")) {
            for (JsonNode child : image.path("dependents")) {
                String namespace = child.path("namespace").asText("");
                table.row(image.path("imageId").asText(), image.path("imageName").asText(""), image.path("source").asText(""),
                        child.path("pool").asText("?") + "/" + (namespace.isEmpty() ? "" : namespace + "/")
                                + child.path("image").asText("?"),
                        child.path("kind").asText("?"), child.path("inTrash").asBoolean() ? "yes" : "no");
            }
        }
        if (!table.isEmpty()) {
            lines.add("");
            lines.addAll(table.lines());
        }
        return lines;
    }

    public static List<String> plan(JsonNode answer) {
        List<String> lines = new ArrayList<>();
        JsonNode source = answer.path("source");
        JsonNode target = answer.path("target");
        lines.add("Cleanup plan of migration " + answer.path("migrationId").asText() + " (cutover completed: "
                + answer.path("cutoverCompleted").asBoolean() + "); nothing is removed by this command");
        lines.add("");
        lines.add("Source " + source.path("cluster").asText("?") + "/" + source.path("pool").asText("?") + ": "
                + source.path("removable").size() + " images removable, " + source.path("kept").size() + " kept");
        Table removable = new Table(Column.left("IMAGE"), Column.left("NAME", 30), Column.left("RBD IMAGE"),
                Column.left("SNAPSHOT"));
        source.path("removable").forEach(i -> removable.row(i.path("imageId").asText(), i.path("imageName").asText(""),
                i.path("image").asText(""), i.path("snapshot").asText("")));
        indent(lines, removable);
        Table kept = new Table(Column.left("KEPT"), Column.left("NAME", 30), Column.left("RBD IMAGE"),
                Column.left("WHY", REASON_LIMIT));
        source.path("kept").forEach(i -> kept.row(i.path("imageId").asText(), i.path("imageName").asText(""),
                i.path("image").asText(""), join(i.path("reasons"))));
        indent(lines, kept);
        lines.add("");
        lines.add("Target " + target.path("cluster").asText("?") + "/" + target.path("pool").asText("?") + ": "
                + target.path("leftovers").size() + " leftovers (cleanup --apply --only target-leftovers removes them)");
        Table leftovers = new Table(Column.left("KIND"), Column.left("NAME"), Column.left("IMAGE"),
                Column.left("REASON", REASON_LIMIT));
        target.path("leftovers").forEach(l -> leftovers.row(l.path("kind").asText(), l.path("name").asText(),
                l.path("imageId").asText(null), l.path("reason").asText("")));
        indent(lines, leftovers);
        if (!answer.path("commands").isEmpty()) {
            lines.add("");
            lines.add("Commands for the source (review, then run them yourself):");
            answer.path("commands").forEach(c -> lines.add("  " + c.asText()));
        }
        return lines;
    }

    public static List<String> result(JsonNode answer) {
        List<String> lines = new ArrayList<>();
        lines.add("Cleanup of migration " + answer.path("migrationId").asText() + ": " + answer.path("removed").size()
                + " removed, " + answer.path("kept").size() + " kept");
        answer.path("removed").forEach(r -> lines.add("  removed " + r.path("kind").asText() + " " + r.path("name").asText()));
        answer.path("kept").forEach(k -> lines.add("  kept    " + k.path("kind").asText() + " " + k.path("name").asText()
                + ": " + k.path("reason").asText("")));
        return lines;
    }

    private static void indent(List<String> lines, Table table) {
        if (!table.isEmpty()) {
            table.lines().forEach(l -> lines.add("  " + l));
        }
    }

    private static String join(JsonNode reasons) {
        List<String> all = new ArrayList<>();
        reasons.forEach(r -> all.add(r.asText()));
        return String.join("; ", all);
    }
}
