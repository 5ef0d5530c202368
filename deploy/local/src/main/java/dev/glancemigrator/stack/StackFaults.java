package dev.glancemigrator.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real faults in the running stack, through {@code stack.sh kill|stop|start|freeze|thaw COMPONENT}
 * and, for copier hosts, {@code cut|reconnect HOST}: the same commands the chaos run uses, so a
 * test's outage is a real process stopped and started, or a real host cut off its network.
 */
public final class StackFaults {

    private static final long COMMAND_TIMEOUT_MINUTES = 3;

    private final String script;

    public StackFaults(LocalStack stack) {
        this.script = stack.get("GM_STACK_SCRIPT");
    }

    /** Stops the component gracefully; {@link #start} brings it back. */
    public void stop(String component) {
        run("stop", component);
    }

    /** SIGKILL, as a crash: {@link #start} brings it back. */
    public void kill(String component) {
        run("kill", component);
    }

    /** Starts the component again exactly as {@code stack.sh up} does, and waits for it to answer. */
    public void start(String component) {
        run("start", component);
    }

    /** SIGSTOP (a process) or the cgroup freezer (a copier host): it hangs until {@link #thaw}. */
    public void freeze(String component) {
        run("freeze", component);
    }

    public void thaw(String component) {
        run("thaw", component);
    }

    /** The copier host loses its network interface: it runs on, reaching nothing, until {@link #reconnect}. */
    public void cut(String host) {
        run("cut", host);
    }

    /** The copier host gets its network interface back, with the address it had. */
    public void reconnect(String host) {
        run("reconnect", host);
    }

    /**
     * Runs {@code stack.sh} with these arguments; returns what it wrote to standard output (its log
     * lines go to standard error, and into the exception when it fails).
     */
    public String run(String... arguments) {
        String command = "stack.sh " + String.join(" ", arguments);
        try {
            ProcessBuilder builder = new ProcessBuilder(script);
            builder.command().addAll(List.of(arguments));
            Path errors = Files.createTempFile("stack-sh", ".log");
            Process process = builder.redirectError(errors.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            String log = Files.readString(errors);
            Files.delete(errors);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output + log);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void run(String verb, String component) {
        run(new String[] {verb, component});
    }
}
