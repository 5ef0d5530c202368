package dev.glancemigrator.cutover.glance;

import dev.glancemigrator.cutover.config.CutoverConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Runs {@code cutover.glance.restart-command} and waits until {@code <glance url>/versions} answers. */
@ApplicationScoped
public class GlanceRestart {

    private static final Logger LOG = Logger.getLogger(GlanceRestart.class);
    private static final int TAIL_CHARS = 2000;

    private final CutoverConfig.Glance glance;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GlanceRestart(CutoverConfig config) {
        this.glance = config.glance();
    }

    /** @throws IllegalStateException when the command fails or Glance does not answer in time */
    public void restartAndWait() {
        runCommand();
        awaitAnswer();
    }

    private void runCommand() {
        Path output = null;
        try {
            output = Files.createTempFile("glance-restart-", ".log");
            Process process = new ProcessBuilder(List.of("sh", "-c", glance.restartCommand()))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(glance.restartTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Glance's restart command did not finish within " + glance.restartTimeout());
            }
            if (process.exitValue() != 0) {
                String log = Files.readString(output);
                LOG.errorf("Glance's restart command exited %d: %s", process.exitValue(),
                        log.substring(Math.max(0, log.length() - TAIL_CHARS)));
                throw new IllegalStateException("Glance's restart command exited " + process.exitValue() + " (see the log)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run Glance's restart command", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Glance restarted", e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    private void awaitAnswer() {
        URI versions = URI.create(glance.url().toString().replaceAll("/+$", "") + "/versions");
        Instant deadline = Instant.now().plus(glance.readyTimeout());
        while (Instant.now().isBefore(deadline)) {
            if (answers(versions)) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Glance", e);
            }
        }
        throw new IllegalStateException("Glance did not answer at " + versions + " within " + glance.readyTimeout());
    }

    /** Glance answers /versions with 300 Multiple Choices (or 200): anything below 400 is an answer. */
    private boolean answers(URI versions) {
        try {
            int status = http.send(HttpRequest.newBuilder(versions).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status < 400;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
