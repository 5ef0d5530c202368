package dev.glancemigrator.verifier.task;

import dev.glancemigrator.ceph.readiness.ClustersReady;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.ChannelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Takes copies to verify only while both clusters answer, and none once shutdown begins;
 * verifications in flight then stop and their events, unacknowledged, go to another verifier.
 */
@ApplicationScoped
public class ConsumptionSwitch {

    private final ChannelRegistry channels;
    private volatile boolean shuttingDown;

    ConsumptionSwitch(ChannelRegistry channels) {
        this.channels = channels;
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    void onReadiness(@Observes ClustersReady readiness) {
        if (readiness.ready() && !shuttingDown) {
            channels.getPausable(CopiedConsumer.CHANNEL).resume();
        } else {
            channels.getPausable(CopiedConsumer.CHANNEL).pause();
        }
    }

    void onShutdown(@Observes ShutdownEvent stopping) {
        shuttingDown = true;
        channels.getPausable(CopiedConsumer.CHANNEL).pause();
    }
}
