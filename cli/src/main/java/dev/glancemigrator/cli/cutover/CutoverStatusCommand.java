package dev.glancemigrator.cli.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glancemigrator.cli.ServiceCommand;
import dev.glancemigrator.cli.render.Table;
import dev.glancemigrator.cli.render.Table.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cutover-status [MIGRATION]}: the cutover journal: the latest run's state and every attempt. */
@Command(name = "cutover-status", description = "The cutover journal of a migration: state, every run, events.")
public class CutoverStatusCommand extends ServiceCommand {

    @Parameters(arity = "0..1", paramLabel = "MIGRATION", description = "migration id (default: the newest)")
    String migration;

    @Override
    public Integer call() {
        JsonNode answer = root.cutover().get("/migrations/" + segment(migration(migration)) + "/cutover");
        if (json()) {
            printJson(answer);
            return 0;
        }
        out().println("migration " + answer.path("migrationId").asText() + ": cutover " + answer.path("state").asText());
        Table runs = new Table(Column.right("ATTEMPT"), Column.left("KIND"), Column.left("STATE"), Column.left("OPERATOR"),
                Column.left("TARGET"), Column.left("SWITCH"));
        for (JsonNode run : answer.path("runs")) {
            runs.row(run.path("attempt").asInt(), run.path("kind").asText(), run.path("state").asText(),
                    run.path("operator").asText(null), run.path("targetCluster").asText("") + "/"
                            + run.path("targetPool").asText(""), run.path("switchKind").asText(null));
        }
        if (!runs.isEmpty()) {
            print(runs.lines());
        }
        out().println(answer.path("journal").size() + " location rows journaled by the latest run, "
                + answer.path("events").size() + " cutover events recorded");
        return 0;
    }
}
