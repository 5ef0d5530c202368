package dev.glancemigrator.copier.task;

import dev.glancemigrator.ceph.readiness.ClustersReady;
import io.smallrye.reactive.messaging.ChannelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Takes tasks only while the clusters answer: the channel starts paused, resumes when they are
 * ready, pauses again when they are not, and for good at shutdown. A paused copier holds no more
 * than the records already fetched (see {@code max.poll.records}); it fails none of them.
 */
@ApplicationScoped
public class ConsumptionSwitch {

    private static final Logger LOG = Logger.getLogger(ConsumptionSwitch.class);

    private final ChannelRegistry channels;
    private volatile boolean shuttingDown;

    ConsumptionSwitch(ChannelRegistry channels) {
        this.channels = channels;
    }

    void onReadiness(@Observes ClustersReady readiness) {
        if (readiness.ready() && !shuttingDown) {
            LOG.info("taking copy tasks");
            channels.getPausable(CopyTaskConsumer.CHANNEL).resume();
        } else {
            LOG.info("not taking copy tasks until the clusters answer");
            channels.getPausable(CopyTaskConsumer.CHANNEL).pause();
        }
    }

    void pauseForShutdown() {
        shuttingDown = true;
        channels.getPausable(CopyTaskConsumer.CHANNEL).pause();
    }
}
