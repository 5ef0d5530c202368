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

/**
 * Brings the fleet up on its (new or restored) config, one node at a time: after the {@code file}
 * switch, runs each node's restart command and waits until its {@code <url>/versions} answers before
 * the next one restarts, so a node that does not come back stops the rollout while the others still
 * serve; after the {@code command} switch (whose command rolled Glance out itself), waits for each
 * node's answer.
 */
@ApplicationScoped
public class GlanceRestart {

    private static final Logger LOG = Logger.getLogger(GlanceRestart.class);
    /** Bounds one /versions probe: a node that is up answers it in milliseconds. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** Between probes of a node that does not answer yet: restarts take seconds. */
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    private static final int HTTP_BAD_REQUEST = 400;

    private final CutoverConfig.Glance glance;
    private final GlanceFleet fleet;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

    GlanceRestart(CutoverConfig config, GlanceFleet fleet) {
        this.glance = config.glance();
        this.fleet = fleet;
    }

    /** @throws IllegalStateException naming the node whose restart command failed or that did not answer in time */
    public void restartAndWait() {
        boolean restartedByUs = FileConfigSwitch.KIND.equals(glance.switchKind());
        for (GlanceNode node : fleet.nodes()) {
            if (restartedByUs) {
                restart(node);
            }
            awaitAnswer(node);
            LOG.infof("Glance node %s answers", node);
        }
    }

    private void restart(GlanceNode node) {
        String command = node.restartCommand().orElseThrow(() -> new IllegalStateException("cutover.glance.nodes."
                + node.name() + ".restart-command is not set"));
        Commands.Result result = Commands.run(List.of("sh", "-c", command), Map.of(), glance.restartTimeout(),
                "the restart command of Glance node " + node.name());
        if (result.exitCode() != 0) {
            LOG.errorf("the restart command of Glance node %s exited %d: %s", node, result.exitCode(),
                    result.tail(Redaction.shapesOnly()));
            throw new IllegalStateException("the restart command of Glance node " + node + " exited " + result.exitCode()
                    + " (see the log)");
        }
    }

    private void awaitAnswer(GlanceNode node) {
        URI versions = node.resolve("versions");
        Instant deadline = Instant.now().plus(glance.readyTimeout());
        while (Instant.now().isBefore(deadline)) {
            if (answers(versions)) {
                return;
            }
            try {
                Thread.sleep(PROBE_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Glance node " + node, e);
            }
        }
        throw new IllegalStateException("Glance node " + node.name() + " did not answer at " + versions + " within "
                + glance.readyTimeout());
    }

    /** Glance answers /versions with 300 Multiple Choices (or 200): anything below 400 is an answer. */
    private boolean answers(URI versions) {
        try {
            int status = http.send(HttpRequest.newBuilder(versions).timeout(PROBE_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status < HTTP_BAD_REQUEST;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
