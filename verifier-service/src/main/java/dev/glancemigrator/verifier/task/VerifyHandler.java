package dev.glancemigrator.verifier.task;

import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.OrderedReader;
import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.CopyResult;
import dev.glancemigrator.events.ImageEvent;
import dev.glancemigrator.events.VerificationFailureReason;
import dev.glancemigrator.verifier.VerifierConfig;
import dev.glancemigrator.verifier.glance.GlanceImages;
import dev.glancemigrator.verifier.verify.ImageVerifier;
import dev.glancemigrator.verifier.verify.VerifyOutcome;
import dev.glancemigrator.verifier.verify.VerifyTuning;
import dev.glancemigrator.worker.WorkerSettings;
import dev.glancemigrator.worker.ceph.CephClusters;
import dev.glancemigrator.worker.task.TaskHandler;
import dev.glancemigrator.worker.task.TaskRun;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Verifies one copy to a verdict about its data: {@code verified} or {@code verification-failed}.
 * Only a verdict about the data is reported; the worker retries a copy it could not read.
 */
@ApplicationScoped
public class VerifyHandler implements TaskHandler<CopyResult> {

    private static final Logger LOG = Logger.getLogger(VerifyHandler.class);

    private final CephClusters clusters;
    private final GlanceImages glance;
    private final MeterRegistry metrics;
    private final ImageVerifier verifier;
    private final VerifyEvents events;

    VerifyHandler(VerifierConfig config, WorkerSettings worker, CephClusters clusters, GlanceImages glance,
            MeterRegistry metrics) {
        this.clusters = clusters;
        this.glance = glance;
        this.metrics = metrics;
        this.verifier = new ImageVerifier(new VerifyTuning(config.readsInFlight(), config.progressInterval(),
                config.mode() == VerifierConfig.Mode.FULL_COMPARE));
        this.events = new VerifyEvents(worker.host());
    }

    @Override
    public Class<CopyResult> type() {
        return CopyResult.class;
    }

    /** A failed copy is the planner's business. */
    @Override
    public boolean wanted(CopyResult result) {
        return result instanceof Copied;
    }

    /** Every logical byte is hashed: the image's size in objects is its cost. */
    @Override
    public long size(CopyResult result) {
        Copied copied = (Copied) result;
        return copied.manifest().objectCount() * copied.manifest().objectSizeBytes();
    }

    @Override
    public String describe(CopyResult result) {
        return "verification of " + ((Copied) result).target().spec();
    }

    @Override
    public Optional<ImageEvent> run(CopyResult result, TaskRun run) {
        Copied copied = (Copied) result;
        String image = copied.target().spec();
        GlanceImages.Recorded recorded = glance.recorded(copied.imageId());
        CephCluster source = cluster(copied.source().cluster());
        CephCluster target = cluster(copied.target().cluster());
        VerifyOutcome outcome;
        try {
            outcome = verifier.verify(copied, recorded.hash(), recorded.size(), source, target,
                    (done, total, rate) -> run.progress(events.progress(copied, done, total, rate)), run::stopNow);
        } catch (OrderedReader.ReadAbandonedException e) {
            return Optional.empty();
        }
        metrics.counter("verifier.verifications", "outcome", outcome.verified() ? "verified" : "failed").increment();
        metrics.counter("verifier.bytes.read").increment(outcome.bytesRead());
        if (outcome.verified()) {
            LOG.infof("verified %s (%s, %d bytes read in %d ms)", image, outcome.mode(), outcome.bytesRead(),
                    outcome.duration().toMillis());
        } else {
            LOG.warnf("verification of %s failed: %s %s", image, outcome.reason(), outcome.message());
        }
        return Optional.of(events.result(copied, outcome));
    }

    @Override
    public ImageEvent exhausted(CopyResult result, int failures, RuntimeException last) {
        return events.failed((Copied) result, VerificationFailureReason.READ_ERROR, null,
                failures + " tries could not read the copy; last: " + last.getMessage());
    }

    private CephCluster cluster(String name) {
        return clusters.cluster(name).orElseThrow(() -> new IllegalStateException("cluster '" + name + "' is not configured"));
    }
}
