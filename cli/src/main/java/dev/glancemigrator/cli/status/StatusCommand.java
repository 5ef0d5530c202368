package dev.glancemigrator.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glancemigrator.cli.ExitCode;
import dev.glancemigrator.cli.ServiceCommand;
import dev.glancemigrator.cli.http.ServiceProblemException;
import dev.glancemigrator.cli.http.ServiceUnreachableException;
import dev.glancemigrator.cli.render.Terminal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code status [MIGRATION] [--watch]}: the migration's progress, once or live until nothing is left to copy
 * or verify. On a terminal the screen is redrawn in place; otherwise (or with {@code --plain}) one line per
 * refresh, and each new failure on a line of its own; with {@code --output json}, one status object per line.
 */
@Command(name = "status", description = "Progress of a migration (the newest unless named); --watch follows it live.")
public class StatusCommand extends ServiceCommand {

    private static final int SERVER_ERROR = 500;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "MIGRATION", description = "migration id (default: the newest)")
    String migration;

    @Option(names = {"-w", "--watch"}, description = "refresh until no image is planned, copying, copied or verifying")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", description = "refresh every SECONDS (default: gm.cli.watch-interval, 2)")
    Double intervalSeconds;

    @Option(names = "--plain", description = "plain lines even on a terminal")
    boolean plain;

    @Override
    public Integer call() throws InterruptedException {
        if (intervalSeconds != null && !(intervalSeconds > 0)) {
            throw new ParameterException(spec.commandLine(), "--interval must be more than 0 seconds, was " + intervalSeconds);
        }
        String id = migration(migration);
        String path = "/migrations/" + segment(id);
        if (!watch) {
            JsonNode status = root.planner().get(path);
            if (json()) {
                printJson(status);
            } else {
                print(StatusScreen.lines(status));
            }
            return exitCode(status);
        }
        boolean live = !json() && !plain && Terminal.isTerminal();
        Duration interval = intervalSeconds == null ? root.settings().watchInterval()
                : Duration.ofMillis(Math.round(intervalSeconds * 1000));
        JsonNode status = firstStatus(path, live, interval);
        FailureFeed failures = new FailureFeed();
        List<String> newFailures = new ArrayList<>();
        boolean first = true;
        while (true) {
            show(status, live, first, failures, newFailures);
            first = false;
            if (new StatusReading(status).finished()) {
                return exitCode(status);
            }
            Thread.sleep(interval.toMillis());
            status = refresh(path, status, live);
        }
    }

    private void show(JsonNode status, boolean live, boolean first, FailureFeed failures, List<String> newFailures) {
        List<JsonNode> fresh = failures.newOnes(status);
        if (json()) {
            out().println(status.toString());
        } else if (live) {
            fresh.forEach(f -> newFailures.add(StatusScreen.CLOCK.format(Instant.now()) + " " + FailureFeed.describe(f)));
            List<String> screen = new ArrayList<>(StatusScreen.lines(status));
            if (!newFailures.isEmpty() && !first) {
                screen.add("");
                screen.add(StatusScreen.cut("new failures while watching: " + newFailures.size() + " (the last at "
                        + newFailures.get(newFailures.size() - 1) + ")"));
            }
            screen.add("updated " + StatusScreen.CLOCK.format(Instant.now()) + "; Ctrl-C stops watching (the migration goes on)");
            out().print(Terminal.frame(screen, first));
        } else {
            out().println(StatusScreen.plainLine(status, Instant.now()));
            fresh.forEach(f -> out().println(StatusScreen.CLOCK.format(Instant.now()) + " FAILED " + FailureFeed.describe(f)));
        }
        out().flush();
    }

    /** The watch's first status: a planner (or Keystone) that does not answer yet is waited for, as later on. */
    private JsonNode firstStatus(String path, boolean live, Duration interval) throws InterruptedException {
        JsonNode status = refresh(path, null, live);
        while (status == null) {
            Thread.sleep(interval.toMillis());
            status = refresh(path, null, live);
        }
        return status;
    }

    /**
     * The next status; a planner that does not answer (restarting) or answers a server error (its database
     * away) is waited for, as the main job does: the migration goes on meanwhile.
     */
    private JsonNode refresh(String path, JsonNode last, boolean live) {
        try {
            return root.planner().get(path);
        } catch (ServiceUnreachableException | ServiceProblemException e) {
            if (e instanceof ServiceProblemException problem && problem.status() < SERVER_ERROR) {
                throw problem;
            }
            String note = StatusScreen.CLOCK.format(Instant.now()) + " " + e.getMessage() + "; retrying";
            if (live) {
                out().print(note + Terminal.CLEAR_LINE_REST + "\r");
            } else {
                System.err.println(note);
            }
            return last;
        }
    }

    private static int exitCode(JsonNode status) {
        StatusReading s = new StatusReading(status);
        return s.finished() && s.failed() > 0 ? ExitCode.IMAGES_FAILED : ExitCode.OK;
    }
}
