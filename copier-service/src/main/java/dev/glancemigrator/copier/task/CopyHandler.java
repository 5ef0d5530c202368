package dev.glancemigrator.copier.task;

import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.copier.CopierConfig;
import dev.glancemigrator.copier.copy.CopyAbandonedException;
import dev.glancemigrator.copier.copy.CopyFencedException;
import dev.glancemigrator.copier.copy.CopyOutcome;
import dev.glancemigrator.copier.copy.CopyTuning;
import dev.glancemigrator.copier.copy.ImageCopier;
import dev.glancemigrator.copier.copy.LockWait;
import dev.glancemigrator.copier.copy.PermanentCopyFailure;
import dev.glancemigrator.events.CopyFailureReason;
import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.ImageEvent;
import dev.glancemigrator.worker.WorkerSettings;
import dev.glancemigrator.worker.ceph.CephClusters;
import dev.glancemigrator.worker.task.TaskHandler;
import dev.glancemigrator.worker.task.TaskRun;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Copies one image to {@code copied}, or to a permanent {@code copy-failed} (missing source,
 * destination conflict, unknown cluster); the worker retries anything else. A copy fenced off by
 * the copier that took its task over reports nothing: the task stays unacknowledged, as it is that
 * copier's now.
 */
@ApplicationScoped
public class CopyHandler implements TaskHandler<CopyTask> {

    private static final Logger LOG = Logger.getLogger(CopyHandler.class);

    private final CephClusters clusters;
    private final MeterRegistry metrics;
    private final ImageCopier copier;
    private final CopyEvents events;

    CopyHandler(CopierConfig config, WorkerSettings worker, CephClusters clusters, MeterRegistry metrics) {
        this.clusters = clusters;
        this.metrics = metrics;
        this.copier = new ImageCopier(new CopyTuning(config.readsInFlight(), config.writesInFlight(),
                config.zeroBlockBytes(), config.probeZeros(), config.progressInterval(), config.checkpointInterval()),
                new LockWait(config.lockRetryInterval()));
        this.events = new CopyEvents(worker.host());
    }

    @Override
    public Class<CopyTask> type() {
        return CopyTask.class;
    }

    @Override
    public long size(CopyTask task) {
        return task.sizeBytes();
    }

    @Override
    public String describe(CopyTask task) {
        return "copy of " + task.source().spec();
    }

    @Override
    public Optional<ImageEvent> run(CopyTask task, TaskRun run) {
        String image = task.source().spec();
        try {
            CephCluster source = cluster(task.source().cluster());
            CephCluster target = cluster(task.target().cluster());
            LOG.infof("copying %s (%d bytes, attempt %d%s) to %s:%s", image, task.sizeBytes(), task.attempt(),
                    task.retryReason() == null ? "" : ", retry after " + task.retryReason(), task.target().cluster(),
                    task.target().pool());
            CopyOutcome outcome = copier.copy(task, source, target,
                    (done, total, rate) -> run.progress(events.progress(task, done, total, rate)),
                    run::stopNow, run::freeSlot);
            record(outcome);
            LOG.infof("copied %s: %d bytes read, %d written, %d zero bytes skipped in %d ms%s%s", image,
                    outcome.counts().bytesRead(), outcome.counts().bytesWritten(), outcome.counts().zeroBytesSkipped(),
                    outcome.duration().toMillis(), outcome.alreadyComplete() ? " (earlier delivery)"
                            : outcome.discardedAttempt() != null ? " (afresh: attempt " + outcome.discardedAttempt()
                                    + "'s copy discarded)" : "",
                    outcome.dependents().isEmpty() ? "" : "; " + outcome.dependents().size() + " clone children on the source");
            return Optional.of(events.copied(task, outcome));
        } catch (PermanentCopyFailure e) {
            LOG.warnf("copy of %s failed for good: %s", image, e.getMessage());
            metrics.counter("copier.copies", "outcome", "failed").increment();
            return Optional.of(events.failed(task, e.reason(), false, e.getMessage()));
        } catch (CopyFencedException e) {
            LOG.warn(e.getMessage());
            return Optional.empty();
        } catch (CopyAbandonedException e) {
            LOG.info(e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public ImageEvent exhausted(CopyTask task, int failures, RuntimeException last) {
        metrics.counter("copier.copies", "outcome", "failed").increment();
        return events.failed(task, CopyFailureReason.RETRIES_EXHAUSTED, true,
                failures + " attempts failed; last: " + last.getMessage());
    }

    private CephCluster cluster(String name) {
        if (!clusters.configured(name)) {
            throw new PermanentCopyFailure(CopyFailureReason.UNKNOWN_CLUSTER,
                    "cluster '" + name + "' is not configured on this copier (copier.clusters." + name + ".*)");
        }
        return clusters.cluster(name).orElseThrow(() -> new IllegalStateException("cluster '" + name + "' is not connected"));
    }

    private void record(CopyOutcome outcome) {
        metrics.counter("copier.copies", "outcome", "copied").increment();
        metrics.counter("copier.bytes.read").increment(outcome.counts().bytesRead());
        metrics.counter("copier.bytes.written").increment(outcome.counts().bytesWritten());
        metrics.counter("copier.bytes.zero.skipped").increment(outcome.counts().zeroBytesSkipped());
    }
}
