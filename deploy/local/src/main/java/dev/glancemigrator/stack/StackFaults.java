package dev.glancemigrator.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Real faults in the running stack, through {@code stack.sh kill|stop|start|freeze|thaw COMPONENT}:
 * the same commands the chaos run uses, so a test's outage is a real process stopped and started.
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

    private void run(String verb, String component) {
        try {
            Process process = new ProcessBuilder(script, verb, component).redirectErrorStream(true).start();
            if (!process.waitFor(COMMAND_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("stack.sh " + verb + " " + component + " did not finish");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("stack.sh " + verb + " " + component + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
