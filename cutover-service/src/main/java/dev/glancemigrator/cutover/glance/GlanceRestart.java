package dev.glancemigrator.cutover.glance;

import dev.glancemigrator.cutover.config.CutoverConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Runs {@code cutover.glance.restart-command} and waits until {@code <glance url>/versions} answers. */
@ApplicationScoped
public class GlanceRestart {

    private static final Logger LOG = Logger.getLogger(GlanceRestart.class);

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
        Commands.Result result = Commands.run(List.of("sh", "-c", glance.restartCommand()), Map.of(), glance.restartTimeout(),
                "Glance's restart command");
        if (result.exitCode() != 0) {
            LOG.errorf("Glance's restart command exited %d: %s", result.exitCode(), result.tail());
            throw new IllegalStateException("Glance's restart command exited " + result.exitCode() + " (see the log)");
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
