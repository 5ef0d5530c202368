package dev.glancemigrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glancemigrator.cli.config.ConfigException;
import dev.glancemigrator.cli.http.ServiceProblemException;
import dev.glancemigrator.cli.http.ServiceUnreachableException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A failed command as its exit code and a message on stderr (never a stack trace): the service's own
 * words (the problem's {@code detail}, and the {@code blockers} of a refused cutover). With
 * {@code --output json} the problem document goes to stdout as well, for the script to read.
 */
public class ErrorReport implements IExecutionExceptionHandler {

    private final PrintStream err;

    public ErrorReport(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        if (e instanceof ServiceProblemException problem) {
            lines(problem).forEach(err::println);
            Object root = commandLine.getCommandSpec().root().userObject();
            if (root instanceof GlanceMigratorCommand command && command.jsonOutput()) {
                command.out().println(problem.problem().toString());
            }
            return problem.status() == 409 && problem.hasBlockers() ? ExitCode.CUTOVER_BLOCKED : ExitCode.SERVICE_ERROR;
        }
        if (e instanceof ServiceUnreachableException) {
            err.println("error: " + e.getMessage());
            return ExitCode.NO_ANSWER;
        }
        if (e instanceof ConfigException) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE;
        }
        err.println("error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        return ExitCode.SERVICE_ERROR;
    }

    /** The message, then each blocker and the holder of a run in progress, as the service named them. */
    public static List<String> lines(ServiceProblemException e) {
        JsonNode problem = e.problem();
        List<String> lines = new ArrayList<>();
        String title = problem.path("title").asText("");
        lines.add("error: " + e.service() + " answered " + e.status() + (title.isEmpty() ? "" : " " + title) + ": "
                + problem.path("detail").asText("(no detail)"));
        for (JsonNode blocker : problem.path("blockers")) {
            lines.add("  blocker " + blocker.path("code").asText("?")
                    + (blocker.hasNonNull("imageId") ? " image " + blocker.get("imageId").asText() : "")
                    + ": " + blocker.path("detail").asText(""));
        }
        if (problem.hasNonNull("holder")) {
            lines.add("  held by " + problem.get("holder"));
        }
        return lines;
    }
}
