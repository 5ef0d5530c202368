package dev.glancemigrator.cli.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glancemigrator.cli.ServiceCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cleanup-plan [MIGRATION]}: what may go after a completed cutover, and what must stay and why. */
@Command(name = "cleanup-plan", description = "What can be removed after a completed cutover (source and target), changing nothing.")
public class CleanupPlanCommand extends ServiceCommand {

    @Parameters(arity = "0..1", paramLabel = "MIGRATION", description = "migration id (default: the newest)")
    String migration;

    @Override
    public Integer call() {
        JsonNode answer = root.cutover().get("/migrations/" + segment(migration(migration)) + "/cleanup-plan");
        if (json()) {
            printJson(answer);
        } else {
            print(CleanupReport.plan(answer));
        }
        return 0;
    }
}
