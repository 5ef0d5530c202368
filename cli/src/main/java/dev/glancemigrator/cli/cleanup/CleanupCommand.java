package dev.glancemigrator.cli.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glancemigrator.cli.ServiceCommand;
import dev.glancemigrator.cli.http.ServiceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cleanup --apply --only target-leftovers [MIGRATION]}: removes the copies on the target no Glance row
 * points to. It removes only with both options spelled out; the source is never cleaned by this tool
 * ({@code cleanup-plan} prints the commands to review and run).
 */
@Command(name = "cleanup", description = "Remove the target's leftovers (needs --apply and --only target-leftovers; see cleanup-plan first).")
public class CleanupCommand extends ServiceCommand {

    /** The only part the service cleans up itself. */
    static final String TARGET_LEFTOVERS = "target-leftovers";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "MIGRATION", description = "migration id (default: the newest)")
    String migration;

    @Option(names = "--apply", description = "really remove (without it, nothing runs: read cleanup-plan)")
    boolean apply;

    @Option(names = "--only", paramLabel = "PART", description = "what to remove: target-leftovers (required)")
    String only;

    @Override
    public Integer call() {
        if (!apply) {
            throw new ParameterException(spec.commandLine(),
                    "cleanup changes nothing without --apply: run `glance-migrator cleanup-plan` to see what it would remove");
        }
        if (!TARGET_LEFTOVERS.equals(only)) {
            throw new ParameterException(spec.commandLine(), "--only " + TARGET_LEFTOVERS + " is required"
                    + (only == null ? "" : " (not '" + only + "')") + ": the source is cleaned by hand, from cleanup-plan's commands");
        }
        JsonNode answer = root.cutover().post("/migrations/" + segment(migration(migration)) + "/cleanup",
                ServiceClient.query("only", TARGET_LEFTOVERS), null);
        if (json()) {
            printJson(answer);
        } else {
            print(CleanupReport.result(answer));
        }
        return 0;
    }
}
