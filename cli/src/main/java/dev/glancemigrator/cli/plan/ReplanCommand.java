package dev.glancemigrator.cli.plan;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code replan [MIGRATION]}: new images get tasks, images deleted in Glance since are skipped. */
@Command(name = "replan", description = "Re-plan a migration against Glance's inventory now: the difference only.")
public class ReplanCommand extends PlanRunPrinter {

    @Parameters(arity = "0..1", paramLabel = "MIGRATION", description = "migration id (default: the newest)")
    String migration;

    @Override
    public Integer call() {
        String id = migration(migration);
        return report("Re-planned", root.planner().post("/migrations/" + segment(id) + "/replan", Map.of(), null));
    }
}
