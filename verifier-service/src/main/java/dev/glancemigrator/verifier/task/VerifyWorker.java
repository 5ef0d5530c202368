package dev.glancemigrator.verifier.task;

import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.OrderedReader;
import dev.glancemigrator.ceph.readiness.CephClusters;
import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.VerificationFailureReason;
import dev.glancemigrator.slots.LargestFirstSlots;
import dev.glancemigrator.verifier.VerifierConfig;
import dev.glancemigrator.verifier.glance.GlanceImages;
import dev.glancemigrator.verifier.verify.ImageVerifier;
import dev.glancemigrator.verifier.verify.VerifyOutcome;
import dev.glancemigrator.verifier.verify.VerifyTuning;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Verifies one copy to a reported verdict. At most {@code verifier.max-concurrent-verifications}
 * at once; while the clusters do not answer, it waits; a transient error is retried, and only a
 * verdict about the data is ever reported (never "the cluster was down").
 */
@ApplicationScoped
public class VerifyWorker {

    private static final Logger LOG = Logger.getLogger(VerifyWorker.class);

    private final VerifierConfig config;
    private final CephClusters clusters;
    private final GlanceImages glance;
    private final VerifyEventPublisher publisher;
    private final ConsumptionSwitch consumption;
    private final MeterRegistry metrics;
    private final ImageVerifier verifier;
    private final VerifyEvents events;
    private final LargestFirstSlots slots;
    private final AtomicInteger active = new AtomicInteger();

    VerifyWorker(VerifierConfig config, CephClusters clusters, GlanceImages glance, VerifyEventPublisher publisher,
            ConsumptionSwitch consumption, MeterRegistry metrics) {
        this.config = config;
        this.clusters = clusters;
        this.glance = glance;
        this.publisher = publisher;
        this.consumption = consumption;
        this.metrics = metrics;
        this.verifier = new ImageVerifier(new VerifyTuning(config.readsInFlight(), config.progressInterval(),
                config.mode() == VerifierConfig.Mode.FULL_COMPARE));
        this.events = new VerifyEvents(config.host().orElseGet(VerifyWorker::hostName));
        this.slots = new LargestFirstSlots(config.maxConcurrentVerifications().orElse(Runtime.getRuntime().availableProcessors()));
        metrics.gauge("verifier.verifications.active", active);
        metrics.gauge("verifier.verifications.waiting", slots, LargestFirstSlots::waiting);
    }

    /** True when a verdict was published; false when stopped for shutdown (leave the event unacknowledged). */
    boolean verify(Copied copied) {
        try {
            // Every logical byte is hashed: the image's size in objects is its cost.
            slots.acquire(copied.manifest().objectCount() * copied.manifest().objectSizeBytes());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        active.incrementAndGet();
        try {
            return attempt(copied);
        } finally {
            active.decrementAndGet();
            slots.release();
        }
    }

    private boolean attempt(Copied copied) {
        String image = copied.target().spec();
        for (int failures = 0; ; ) {
            if (!awaitReadyClusters()) {
                return false;
            }
            try {
                GlanceImages.Recorded recorded = glance.recorded(copied.imageId());
                CephCluster source = clusters.cluster(copied.source().cluster()).orElseThrow(
                        () -> new IllegalStateException("cluster '" + copied.source().cluster() + "' is not configured"));
                CephCluster target = clusters.cluster(copied.target().cluster()).orElseThrow(
                        () -> new IllegalStateException("cluster '" + copied.target().cluster() + "' is not configured"));
                VerifyOutcome outcome = verifier.verify(copied, recorded.hash(), recorded.size(), source, target,
                        (done, total, rate) -> publisher.progress(events.progress(copied, done, total, rate)),
                        consumption::shuttingDown);
                publisher.result(events.result(copied, outcome));
                record(outcome);
                if (outcome.verified()) {
                    LOG.infof("verified %s (%s, %d bytes read in %d ms)", image, outcome.mode(), outcome.bytesRead(),
                            outcome.duration().toMillis());
                } else {
                    LOG.warnf("verification of %s failed: %s %s", image, outcome.reason(), outcome.message());
                }
                return true;
            } catch (OrderedReader.ReadAbandonedException e) {
                LOG.infof("verification of %s stopped for shutdown; another verifier will do it", image);
                return false;
            } catch (RuntimeException e) {
                if (!clusters.ready()) {
                    continue;
                }
                failures++;
                if (failures >= config.maxAttempts()) {
                    LOG.errorf(e, "verification of %s could not run %d times", image, failures);
                    publisher.result(events.failed(copied, VerificationFailureReason.READ_ERROR, null,
                            failures + " tries could not read the copy; last: " + e.getMessage()));
                    return true;
                }
                LOG.warnf("verification of %s failed to run (%s); retry %d", image, e.getMessage(), failures);
                if (!sleep(config.retryBackoff().toMillis())) {
                    return false;
                }
            }
        }
    }

    private boolean awaitReadyClusters() {
        while (!clusters.ready()) {
            if (consumption.shuttingDown() || !sleep(config.probeInterval().toMillis())) {
                return false;
            }
        }
        return true;
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return !consumption.shuttingDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void record(VerifyOutcome outcome) {
        metrics.counter("verifier.verifications", "outcome", outcome.verified() ? "verified" : "failed").increment();
        metrics.counter("verifier.bytes.read").increment(outcome.bytesRead());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "verifier";
        }
    }
}
