package dev.glancemigrator.cli.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glancemigrator.cli.ServiceCommand;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rollback [MIGRATION]}: Glance back on the source, the latest run first (a delta run before its cutover). */
@Command(name = "rollback", description = "Roll back the latest cutover run of a migration (run again for the one before).")
public class RollbackCommand extends ServiceCommand {

    @Parameters(arity = "0..1", paramLabel = "MIGRATION", description = "migration id (default: the newest)")
    String migration;

    @Override
    public Integer call() {
        JsonNode answer = root.cutover().post("/migrations/" + segment(migration(migration)) + "/rollback", Map.of(), null);
        if (json()) {
            printJson(answer);
        } else {
            print(CutoverDiff.result("Rolled back", answer));
        }
        return 0;
    }
}
