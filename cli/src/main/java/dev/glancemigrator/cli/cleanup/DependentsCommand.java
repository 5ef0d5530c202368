package dev.glancemigrator.cli.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glancemigrator.cli.ServiceCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dependents [MIGRATION]}: the source images that instance disks, volumes or images were cloned from. */
@Command(name = "dependents", description = "Source images with clones (instance disks, volumes, images) depending on them.")
public class DependentsCommand extends ServiceCommand {

    @Parameters(arity = "0..1", paramLabel = "MIGRATION", description = "migration id (default: the newest)")
    String migration;

    @Override
    public Integer call() {
        JsonNode answer = root.cutover().get("/migrations/" + segment(migration(migration)) + "/dependents");
        if (json()) {
            printJson(answer);
        } else {
            print(CleanupReport.dependents(answer));
        }
        return 0;
    }
}
