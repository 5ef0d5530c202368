package dev.glancemigrator.copier.task;

import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.readiness.CephClusters;
import dev.glancemigrator.copier.CopierConfig;
import dev.glancemigrator.copier.copy.CopyAbandonedException;
import dev.glancemigrator.copier.copy.CopyOutcome;
import dev.glancemigrator.copier.copy.CopyTuning;
import dev.glancemigrator.copier.copy.ImageCopier;
import dev.glancemigrator.copier.copy.LockWait;
import dev.glancemigrator.copier.copy.PermanentCopyFailure;
import dev.glancemigrator.events.CopyFailureReason;
import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.slots.LargestFirstSlots;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Runs one copy task to a reported end: {@code copied}, or {@code copy-failed} with a reason. At
 * most {@code copier.max-concurrent-copies} run at once. Transient errors are retried with backoff;
 * while the clusters do not answer, the task waits instead of failing.
 */
@ApplicationScoped
public class CopyWorker {

    /** What became of a task. */
    enum Result {
        /** An event says how it ended; acknowledge the task. */
        REPORTED,
        /** Stopped for shutdown; leave the task unacknowledged so another copier takes it. */
        ABANDONED
    }

    private static final Logger LOG = Logger.getLogger(CopyWorker.class);

    private final CopierConfig config;
    private final CephClusters clusters;
    private final CopyEventPublisher publisher;
    private final ShutdownDrain drain;
    private final MeterRegistry metrics;
    private final ImageCopier copier;
    private final CopyEvents events;
    private final LargestFirstSlots slots;
    private final Backoff backoff;

    CopyWorker(CopierConfig config, CephClusters clusters, CopyEventPublisher publisher, ShutdownDrain drain,
            MeterRegistry metrics) {
        this.config = config;
        this.clusters = clusters;
        this.publisher = publisher;
        this.drain = drain;
        this.metrics = metrics;
        this.copier = new ImageCopier(new CopyTuning(config.readsInFlight(), config.writesInFlight(),
                config.zeroBlockBytes(), config.probeZeros(), config.progressInterval(), config.checkpointInterval()),
                new LockWait(config.lockRetryInterval()));
        this.events = new CopyEvents(config.host().orElseGet(CopyWorker::hostName));
        this.slots = new LargestFirstSlots(config.maxConcurrentCopies().orElse(Runtime.getRuntime().availableProcessors()));
        this.backoff = new Backoff(config.retry().initialBackoff(), config.retry().maxBackoff());
        metrics.gauge("copier.copies.active", drain, ShutdownDrain::active);
        metrics.gauge("copier.copies.waiting", slots, LargestFirstSlots::waiting);
    }

    Result run(CopyTask task) {
        try (LargestFirstSlots.Lease slot = slots.lease(task.sizeBytes())) {
            if (!hold(slot)) {
                return Result.ABANDONED;
            }
            drain.started();
            try {
                return drain.draining() ? Result.ABANDONED : attempt(task, slot);
            } finally {
                drain.ended();
            }
        }
    }

    /** Holds a copy slot while data moves; frees it for the snapshot steps, takes one again to retry. */
    private Result attempt(CopyTask task, LargestFirstSlots.Lease slot) {
        String image = task.source().spec();
        for (int failures = 0; ; ) {
            if (!hold(slot) || !awaitReadyClusters()) {
                return Result.ABANDONED;
            }
            try {
                CephCluster source = cluster(task.source().cluster());
                CephCluster target = cluster(task.target().cluster());
                LOG.infof("copying %s (%d bytes, attempt %d) to %s:%s", image, task.sizeBytes(), task.attempt(),
                        task.target().cluster(), task.target().pool());
                CopyOutcome outcome = copier.copy(task, source, target,
                        (done, total, rate) -> publisher.progress(events.progress(task, done, total, rate)),
                        drain::graceOver, slot::free);
                publisher.result(events.copied(task, outcome));
                record(outcome);
                LOG.infof("copied %s: %d bytes read, %d written, %d zero bytes skipped in %d ms%s", image,
                        outcome.counts().bytesRead(), outcome.counts().bytesWritten(), outcome.counts().zeroBytesSkipped(),
                        outcome.duration().toMillis(), outcome.alreadyComplete() ? " (earlier delivery)" : "");
                return Result.REPORTED;
            } catch (PermanentCopyFailure e) {
                LOG.warnf("copy of %s failed for good: %s", image, e.getMessage());
                publisher.result(events.failed(task, e.reason(), false, e.getMessage()));
                metrics.counter("copier.copies", "outcome", "failed").increment();
                return Result.REPORTED;
            } catch (CopyAbandonedException e) {
                LOG.info(e.getMessage());
                return Result.ABANDONED;
            } catch (RuntimeException e) {
                if (!clusters.ready()) {
                    LOG.warnf("copy of %s interrupted while the clusters do not answer (%s); it waits", image, e.getMessage());
                    continue;
                }
                failures++;
                if (failures >= config.retry().maxAttempts()) {
                    LOG.errorf(e, "copy of %s failed %d times", image, failures);
                    publisher.result(events.failed(task, CopyFailureReason.RETRIES_EXHAUSTED, true,
                            failures + " attempts failed; last: " + e.getMessage()));
                    metrics.counter("copier.copies", "outcome", "failed").increment();
                    return Result.REPORTED;
                }
                Duration pause = backoff.before(failures);
                LOG.warnf("copy of %s failed (%s); retry %d in %s", image, e.getMessage(), failures, pause);
                if (!sleep(pause)) {
                    return Result.ABANDONED;
                }
            }
        }
    }

    /** False when interrupted (shutdown). */
    private static boolean hold(LargestFirstSlots.Lease slot) {
        try {
            slot.hold();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private CephCluster cluster(String name) {
        if (!clusters.configured(name)) {
            throw new PermanentCopyFailure(CopyFailureReason.UNKNOWN_CLUSTER,
                    "cluster '" + name + "' is not configured on this copier (copier.clusters." + name + ".*)");
        }
        return clusters.cluster(name).orElseThrow(() -> new IllegalStateException("cluster '" + name + "' is not connected"));
    }

    /** False when shutdown came first. */
    private boolean awaitReadyClusters() {
        while (!clusters.ready()) {
            if (drain.draining() || !sleep(config.probeInterval())) {
                return false;
            }
        }
        return true;
    }

    private boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return !drain.graceOver();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void record(CopyOutcome outcome) {
        metrics.counter("copier.copies", "outcome", "copied").increment();
        metrics.counter("copier.bytes.read").increment(outcome.counts().bytesRead());
        metrics.counter("copier.bytes.written").increment(outcome.counts().bytesWritten());
        metrics.counter("copier.bytes.zero.skipped").increment(outcome.counts().zeroBytesSkipped());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "copier";
        }
    }
}
