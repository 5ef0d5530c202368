package dev.glancemigrator.cutover.glance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an operator's command (Glance's restart, the config switch) to its end, bounded, with its output kept. */
final class Commands {

    /** How much of a command's output goes into a log line or an error. */
    static final int TAIL_CHARS = 2000;

    record Result(int exitCode, String output, String errors) {

        /** The end of what the command wrote, stderr after stdout, for a log line. */
        String tail() {
            return tail(output + errors);
        }

        /** The same with key material taken out first (whole, so a key cut by the tail's start cannot slip through). */
        String tail(Redaction redaction) {
            return tail(redaction.apply(output + errors));
        }

        private static String tail(String all) {
            return all.substring(Math.max(0, all.length() - TAIL_CHARS));
        }
    }

    private Commands() {
    }

    /**
     * Runs {@code argv} with {@code environment} added to this service's, stdin closed; returns its exit
     * code and output.
     *
     * @throws IllegalStateException when it cannot be started or does not end within {@code timeout} (it
     *         and what it started are then killed)
     */
    static Result run(List<String> argv, Map<String, String> environment, Duration timeout, String what) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("glance-migrator-cmd-", ".out");
            err = Files.createTempFile("glance-migrator-cmd-", ".err");
            ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what + " ran", e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            file.toFile().delete();
        }
    }
}
