package dev.glancemigrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glancemigrator.cli.http.ServiceProblemException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineTest {

    static final CliConfig DEFAULTS = new CliConfig() {
        public Duration connectTimeout() { return Duration.ofSeconds(5); }
        public Duration requestTimeout() { return Duration.ofSeconds(60); }
        public Duration changeTimeout() { return Duration.ofMinutes(30); }
        public Duration keystoneTimeout() { return Duration.ofSeconds(10); }
        public Duration watchInterval() { return Duration.ofSeconds(2); }
        public int diffRows() { return 20; }
    };

    private static CommandLine commandLine(StringWriter err) {
        GlanceMigratorCommand root = new GlanceMigratorCommand(DEFAULTS);
        return new CommandLine(root).setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Test
    void theOutputOptionCountsBeforeOrAfterTheSubcommand() {
        GlanceMigratorCommand before = new GlanceMigratorCommand(DEFAULTS);
        new CommandLine(before).parseArgs("--output", "json", "status");
        GlanceMigratorCommand after = new GlanceMigratorCommand(DEFAULTS);
        new CommandLine(after).parseArgs("status", "-o", "json", "--watch");

        assertTrue(before.jsonOutput());
        assertTrue(after.jsonOutput());
    }

    @Test
    void aUsageErrorExitsTwo() {
        StringWriter err = new StringWriter();

        assertEquals(ExitCode.USAGE, commandLine(err).execute("status", "--no-such-option"));
        assertTrue(err.toString().contains("Unknown option: '--no-such-option'"), err.toString());
        assertEquals(ExitCode.USAGE, commandLine(new StringWriter()).execute());
    }

    @Test
    void cleanupRefusesWithoutApplyOrWithoutOnlyTargetLeftoversBeforeAskingAnyService() {
        StringWriter err = new StringWriter();

        assertEquals(ExitCode.USAGE, commandLine(err).execute("cleanup"));
        assertTrue(err.toString().contains("run `glance-migrator cleanup-plan`"), err.toString());
        StringWriter err2 = new StringWriter();
        assertEquals(ExitCode.USAGE, commandLine(err2).execute("cleanup", "--apply", "--only", "source"));
        assertTrue(err2.toString().contains("--only target-leftovers is required (not 'source')"), err2.toString());
    }

    @Test
    void aRefusedCutoverIsItsDetailAndBlockersAndExitsFive() throws Exception {
        var problem = new ObjectMapper().readTree("""
                {"type":"tag:glancemigrator.dev,2026:problem:cutover-conflict","title":"The cutover cannot run now",
                 "status":409,"detail":"2 preconditions fail",
                 "blockers":[{"code":"IMAGE_NOT_VERIFIED","imageId":"img-1","detail":"copying"},
                             {"code":"TARGET_UNREACHABLE","imageId":null,"detail":"new: timed out"}]}""");
        ServiceProblemException refused = new ServiceProblemException("cutover", 409, problem);

        assertEquals(List.of(
                "error: cutover answered 409 The cutover cannot run now: 2 preconditions fail",
                "  blocker IMAGE_NOT_VERIFIED image img-1: copying",
                "  blocker TARGET_UNREACHABLE: new: timed out"), ErrorReport.lines(refused));
        StringWriter err = new StringWriter();
        CommandLine line = commandLine(err);
        assertEquals(ExitCode.CUTOVER_BLOCKED, new ErrorReport(new java.io.PrintStream(new java.io.ByteArrayOutputStream()))
                .handleExecutionException(refused, line, null));
        ServiceProblemException notFound = new ServiceProblemException("planner", 404,
                new ObjectMapper().readTree("{\"status\":404,\"detail\":\"no migration x\"}"));
        assertEquals(ExitCode.SERVICE_ERROR, new ErrorReport(new java.io.PrintStream(new java.io.ByteArrayOutputStream()))
                .handleExecutionException(notFound, line, null));
    }
}
