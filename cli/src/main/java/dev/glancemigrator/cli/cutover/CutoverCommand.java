package dev.glancemigrator.cli.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glancemigrator.cli.ExitCode;
import dev.glancemigrator.cli.ServiceCommand;
import dev.glancemigrator.cli.http.ServiceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cutover [MIGRATION] [--dry-run]}: switch Glance to the target cluster, or show exactly what that would
 * change. A refused cutover and a dry run with blockers exit 5.
 */
@Command(name = "cutover", description = "Cut a verified migration over to its target (or --dry-run: the changes as a diff).")
public class CutoverCommand extends ServiceCommand {

    @Parameters(arity = "0..1", paramLabel = "MIGRATION", description = "migration id (default: the newest)")
    String migration;

    @Option(names = "--dry-run", description = "change nothing: blockers, warnings, the row and config changes")
    boolean dryRun;

    @Option(names = "--all", description = "with --dry-run: every location row (default: gm.cli.diff-rows, 20)")
    boolean all;

    @Override
    public Integer call() {
        String id = migration(migration);
        JsonNode answer = root.cutover().post("/migrations/" + segment(id) + "/cutover",
                ServiceClient.query("dryRun", Boolean.toString(dryRun)), null);
        if (json()) {
            printJson(answer);
        } else if (dryRun) {
            print(CutoverDiff.lines(answer, all ? -1 : root.settings().diffRows()));
        } else {
            print(CutoverDiff.result("Cut over", answer));
        }
        return dryRun && !answer.path("blockers").isEmpty() ? ExitCode.CUTOVER_BLOCKED : ExitCode.OK;
    }
}
