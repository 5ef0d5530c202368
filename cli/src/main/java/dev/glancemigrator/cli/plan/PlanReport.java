package dev.glancemigrator.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glancemigrator.cli.render.Sizes;
import dev.glancemigrator.cli.render.Table;
import dev.glancemigrator.cli.render.Table.Column;
import java.util.ArrayList;
import java.util.List;

/** A plan run as text: what it put in scope, and each image it left out or skipped with the reason. */
public final class PlanReport {

    static final int REASON_LIMIT = 80;

    private PlanReport() {
    }

    /**
     * @param run the planner's answer (PlanRun)
     * @param outOfScope the migration's out_of_scope images (a page object)
     * @param skipped its skipped images (a page object)
     */
    public static List<String> lines(String verb, JsonNode run, JsonNode outOfScope, JsonNode skipped) {
        List<String> lines = new ArrayList<>();
        lines.add(verb + " migration " + run.path("migrationId").asText() + " (plan run " + run.path("run").asInt() + ")");
        lines.add("  in scope:     " + run.path("tasksPublished").asLong() + " copy tasks published, "
                + Sizes.human(run.path("bytesPlanned").asLong()));
        lines.add("  out of scope: " + run.path("imagesOutOfScope").asLong() + " images newly listed");
        lines.add("  skipped:      " + run.path("imagesSkipped").asLong() + " planned images left scope (deleted in Glance)");
        section(lines, "Out of scope (never touched)", outOfScope);
        section(lines, "Skipped (copies left on the target are listed by cleanup-plan)", skipped);
        return lines;
    }

    private static void section(List<String> lines, String title, JsonNode page) {
        JsonNode items = page.path("items");
        if (items.isEmpty()) {
            return;
        }
        lines.add("");
        lines.add(title + ": " + page.path("total").asLong(items.size()));
        Table table = new Table(Column.left("IMAGE"), Column.left("NAME", 30), Column.right("SIZE"),
                Column.left("REASON", REASON_LIMIT));
        for (JsonNode image : items) {
            table.row(image.path("imageId").asText(), image.path("name").asText(""),
                    Sizes.human(image.path("sizeBytes").asLong()), image.path("reason").asText(""));
        }
        table.lines().forEach(l -> lines.add("  " + l));
    }
}
