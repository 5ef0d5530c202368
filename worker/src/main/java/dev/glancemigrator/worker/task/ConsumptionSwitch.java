package dev.glancemigrator.worker.task;

import dev.glancemigrator.worker.WorkerSettings;
import dev.glancemigrator.worker.readiness.DependenciesReady;
import io.smallrye.reactive.messaging.ChannelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Takes tasks only while every dependency answers: the channel starts paused, resumes when they are
 * ready, pauses again when they are not, and for good at shutdown. A paused consumer holds no more
 * than the records already fetched (see {@code max.poll.records}); it fails none of them.
 */
@ApplicationScoped
public class ConsumptionSwitch {

    private static final Logger LOG = Logger.getLogger(ConsumptionSwitch.class);

    private final ChannelRegistry channels;
    private final WorkerSettings settings;
    private volatile boolean shuttingDown;

    ConsumptionSwitch(ChannelRegistry channels, WorkerSettings settings) {
        this.channels = channels;
        this.settings = settings;
    }

    void onReadiness(@Observes DependenciesReady readiness) {
        if (readiness.ready() && !shuttingDown) {
            LOG.infof("taking %s from %s", settings.tasks(), settings.channel());
            channels.getPausable(settings.channel()).resume();
        } else {
            LOG.infof("not taking %s until its dependencies answer", settings.tasks());
            channels.getPausable(settings.channel()).pause();
        }
    }

    void pauseForShutdown() {
        shuttingDown = true;
        channels.getPausable(settings.channel()).pause();
    }
}
