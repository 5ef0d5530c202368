package dev.glancemigrator.copier.copy;

import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.CephException;
import dev.glancemigrator.ceph.Errno;
import dev.glancemigrator.ceph.Extent;
import dev.glancemigrator.ceph.ImageLayout;
import dev.glancemigrator.ceph.ObjectChunks;
import dev.glancemigrator.ceph.RadosPool;
import dev.glancemigrator.ceph.RbdImage;
import dev.glancemigrator.ceph.ZeroBlockProbe;
import dev.glancemigrator.events.CopyFailureReason;
import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.DependentClone;
import dev.glancemigrator.events.RbdImageRef;
import dev.glancemigrator.events.manifest.ObjectDigests;
import dev.glancemigrator.worker.progress.ProgressListener;
import dev.glancemigrator.worker.progress.ProgressMeter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Copies {@code source@snap} to the target pool: allocated extents only, zeros never written,
 * under a staging name with the image's exclusive lock held, then snapshot + protect as Glance does,
 * then a rename to the final name. So an image under its final name is complete, and a redelivered
 * task finds one of: the final image (ours: report it again; not ours: refuse), the staging image
 * (resume it), or nothing (start). A retry after a failed verification that finds the copy it retries,
 * as {@link ExistingCopy} proves it, discards that copy and starts again.
 */
public final class ImageCopier {

    /** Appended to the target name while the copy is incomplete. */
    public static final String STAGING_SUFFIX = ".glance-migrator-partial";
    /** The RADOS object, in the target pool, that holds an image's manifest. */
    public static final String MANIFEST_PREFIX = "glance-migrator.manifest.";
    /** A discarded copy's name between its rename and its removal: {@code <id>.glance-migrator-discarded-<attempt>}. */
    static final String DISCARD_SUFFIX = ".glance-migrator-discarded-";
    /** Features a copy keeps from its source: those that need no other pool or journal. */
    private static final long COPYABLE_FEATURES = ImageLayout.FEATURE_LAYERING | ImageLayout.FEATURE_STRIPINGV2
            | ImageLayout.FEATURE_EXCLUSIVE_LOCK | ImageLayout.FEATURE_OBJECT_MAP | ImageLayout.FEATURE_FAST_DIFF
            | ImageLayout.FEATURE_DEEP_FLATTEN;

    private static final Logger LOG = Logger.getLogger(ImageCopier.class);

    private final CopyTuning tuning;
    private final LockWait lockWait;

    public ImageCopier(CopyTuning tuning, LockWait lockWait) {
        this.tuning = tuning;
        this.lockWait = lockWait;
    }

    public CopyOutcome copy(CopyTask task, CephCluster sourceCluster, CephCluster targetCluster,
            ProgressListener listener, BooleanSupplier abandon) {
        return copy(task, sourceCluster, targetCluster, listener, abandon, () -> { });
    }

    /**
     * Copies, and calls {@code dataCopied} once the data and the manifest are stored: what remains
     * (snapshot, protection, rename) mostly waits on the target's monitor to allocate the snapshot
     * id, so a caller may let the next copy start moving data meanwhile.
     */
    public CopyOutcome copy(CopyTask task, CephCluster sourceCluster, CephCluster targetCluster,
            ProgressListener listener, BooleanSupplier abandon, Runnable dataCopied) {
        RbdImageRef from = task.source();
        RbdImageRef to = task.target();
        String snapshot = from.snapshot();
        String sourceLabel = from.cluster() + ":" + from.spec() + " (fsid " + from.fsid() + ")";
        long started = System.nanoTime();
        boolean locked = false;
        try (RadosPool sourcePool = sourceCluster.openPool(from.pool());
                RadosPool targetPool = targetCluster.openPool(to.pool());
                RbdImage source = openSource(sourcePool, from)) {
            ImageLayout layout = source.layout();
            Integer discarded = null;
            while (discarded == null && targetPool.imageExists(to.image())) {
                ExistingCopy existing = existingCopy(targetPool, to, snapshot);
                switch (existing.decide(task, sourceLabel)) {
                    case REPORT_AGAIN -> {
                        return reportExisting(targetPool, to, layout, existing).withDependents(dependents(source));
                    }
                    case CONFLICT -> throw new PermanentCopyFailure(CopyFailureReason.DESTINATION_CONFLICT, to.pool() + "/"
                            + to.image() + " already exists on " + to.cluster() + " and is not a complete copy of "
                            + sourceLabel + " made by glance-migrator; it was left untouched");
                    case DISCARD_AND_COPY -> {
                        if (discard(targetPool, to, snapshot, existing, task, sourceLabel, abandon)) {
                            discarded = existing.attempt().getAsInt();
                        }
                    }
                }
            }
            String staging = to.image() + STAGING_SUFFIX;
            createStaging(targetPool, staging, layout);
            CopyOutcome copied;
            try (RbdImage target = targetPool.open(staging)) {
                lockWait.acquire(target, abandon);
                locked = true;
                // Read under the lock even when this copy created the image: a duplicate delivery may have
                // taken the lock first and copied it meanwhile.
                CopyMarker markers = CopyMarker.of(target);
                if (!sourceLabel.equals(markers.source().orElse(sourceLabel))) {
                    throw new PermanentCopyFailure(CopyFailureReason.DESTINATION_CONFLICT, to.pool() + "/" + staging
                            + " holds a partial copy of another source (" + markers.source().orElse("") + ")");
                }
                long resumeOffset = markers.complete() ? layout.size() : markers.resumeOffset();
                mark(markers, task, sourceLabel);
                if (discarded != null) {
                    markers.set(Map.of(CopyMarker.DISCARDED_ATTEMPT, Integer.toString(discarded)));
                }
                ProgressMeter meter = new ProgressMeter(layout.size(), tuning.progressInterval(), listener);
                ObjectDigests digests = new ObjectDigests(ObjectDigests.JAVA_ALGORITHM, layout.objectSize(), layout.size());
                List<Extent> chunks = ObjectChunks.of(source.allocatedExtents(layout.size(), true), layout.objectSize(),
                        layout.size());
                if (resumeOffset > 0) {
                    LOG.infof("resuming %s from byte %d", target.spec(), resumeOffset);
                }
                CopyCounts counts;
                try (ZeroBlockProbe probe = openProbe(source, layout)) {
                    counts = new CopyPipeline(source, Optional.ofNullable(probe), target,
                            Math.min(layout.objectSize(), layout.size()), tuning, digests)
                            .run(chunks, resumeOffset, abandon, meter::reached,
                                    offset -> markers.set(Map.of(CopyMarker.RESUME_OFFSET, Long.toString(offset))));
                }
                meter.finish();
                byte[] manifest = ObjectDigests.render(digests.finish());
                String manifestObject = MANIFEST_PREFIX + to.image();
                targetPool.writeObject(manifestObject, manifest);
                dataCopied.run();
                Duration duration = Duration.ofNanos(System.nanoTime() - started);
                finish(target, markers, snapshot, counts, duration, ObjectDigests.digestOf(manifest));
                copied = outcome(markers, layout, to, Duration.ofNanos(System.nanoTime() - started), false);
                target.releaseLock();
                locked = false;
            }
            targetPool.renameImage(staging, to.image());
            return copied.withDependents(dependents(source));
        } catch (CephException e) {
            if (locked && e.blocklisted() && refusedBy(targetCluster, to)) {
                throw new CopyFencedException(to.cluster() + ":" + to.pool() + "/" + to.image(), e);
            }
            throw e;
        }
    }

    /**
     * Whether the target's OSDs refuse this client, as they do once another copier broke its lock
     * (rather than the source's, which no copier locks: that is an outage like any other).
     */
    private static boolean refusedBy(CephCluster target, RbdImageRef to) {
        try (RadosPool pool = target.openPool(to.pool())) {
            pool.readObject(MANIFEST_PREFIX + to.image());
            return false;
        } catch (CephException e) {
            return e.blocklisted();
        } catch (IllegalStateException closed) {
            return target.retired();
        }
    }

    /**
     * Creates the staging image, or finds it left by an earlier delivery (to resume). Trying the create
     * is how it is found: one call where a check first is two.
     */
    private static void createStaging(RadosPool targetPool, String staging, ImageLayout layout) {
        long features = (layout.features() & COPYABLE_FEATURES) | ImageLayout.FEATURE_EXCLUSIVE_LOCK;
        try {
            targetPool.createImage(staging, layout.withFeatures(features));
        } catch (CephException e) {
            if (!e.is(Errno.EEXIST)) {
                throw e;
            }
        }
    }

    /** The source's zero-block probe, or null when off or when the image's layout does not allow one. */
    private ZeroBlockProbe openProbe(RbdImage source, ImageLayout layout) {
        if (!tuning.probeZeros() || layout.objectSize() % tuning.zeroBlockBytes() != 0) {
            return null;
        }
        return source.openZeroBlockProbe(tuning.zeroBlockBytes()).orElse(null);
    }

    private static RbdImage openSource(RadosPool pool, RbdImageRef from) {
        try {
            return pool.openReadOnly(from.image(), from.snapshot());
        } catch (CephException e) {
            if (!e.is(Errno.ENOENT)) {
                throw e;
            }
            if (pool.imageExists(from.image())) {
                throw new PermanentCopyFailure(CopyFailureReason.SNAPSHOT_MISSING,
                        pool.name() + "/" + from.image() + " has no snapshot '" + from.snapshot() + "'");
            }
            throw new PermanentCopyFailure(CopyFailureReason.SOURCE_MISSING,
                    pool.name() + "/" + from.image() + " does not exist on " + from.cluster());
        }
    }

    /**
     * The clone children of the source snapshot, in any pool (Nova disks, Cinder volumes): one librbd call,
     * on the snapshot open anyway. A failure is a failed read of the source, retried as any other.
     */
    private static List<DependentClone> dependents(RbdImage source) {
        return source.children().stream()
                .map(child -> DependentClone.found(child.pool(), child.namespace(), child.image(), child.inTrash()))
                .toList();
    }

    private static ExistingCopy existingCopy(RadosPool targetPool, RbdImageRef to, String snapshot) {
        try (RbdImage existing = targetPool.openReadOnly(to.image(), null)) {
            return CopyMarker.of(existing).existing(snapshot);
        }
    }

    /** The final image is a complete copy of ours, not proven to be the one that failed: report it again. */
    private static CopyOutcome reportExisting(RadosPool targetPool, RbdImageRef to, ImageLayout layout, ExistingCopy copy) {
        try (RbdImage existing = targetPool.openReadOnly(to.image(), null)) {
            CopyMarker markers = CopyMarker.of(existing);
            LOG.infof("%s/%s is already a complete copy (made for attempt %s of migration %s); reporting it again",
                    to.pool(), to.image(), copy.attempt().isPresent() ? Integer.toString(copy.attempt().getAsInt()) : "?",
                    copy.migration().orElse("?"));
            return outcome(markers, layout, to, Duration.ofMillis(markers.number(CopyMarker.DURATION_MILLIS)), true);
        }
    }

    /**
     * Removes the copier's own complete copy of an earlier attempt, which failed verification: snapshot
     * unprotected and removed, image removed, manifest removed. Each step tolerates having been done
     * already, so a copier killed half-way (or a second delivery racing this one) finishes the job.
     * A snapshot with clones is left alone: someone uses the copy.
     */
    /**
     * Discards the copier's own copy of an earlier attempt, deciding again under the image's exclusive
     * lock: another copier may have replaced it meanwhile (a redelivery while this one was frozen),
     * and the lock fences a frozen holder. The image leaves its name by a rename while locked, so no
     * later copy can ever be the one removed. False when the decision no longer holds.
     */
    private boolean discard(RadosPool targetPool, RbdImageRef to, String snapshot, ExistingCopy expected, CopyTask task,
            String sourceLabel, BooleanSupplier abandon) {
        int attempt = expected.attempt().getAsInt();
        String tombstone = to.image() + DISCARD_SUFFIX + attempt;
        try (RbdImage image = targetPool.open(to.image())) {
            lockWait.acquire(image, abandon);
            ExistingCopy now = CopyMarker.of(image).existing(snapshot);
            if (now.decide(task, sourceLabel) != ExistingCopy.Action.DISCARD_AND_COPY || !now.attempt().equals(expected.attempt())) {
                image.releaseLock();
                LOG.infof("%s/%s changed since it was found (now attempt %s's); deciding again", to.pool(), to.image(),
                        now.attempt().isPresent() ? Integer.toString(now.attempt().getAsInt()) : "?");
                return false;
            }
            LOG.warnf("%s/%s on %s is the copier's copy for attempt %d, whose verification failed: discarding it to copy "
                    + "again for attempt %d", to.pool(), to.image(), to.cluster(), attempt, task.attempt());
            if (image.snapshotExists(snapshot)) {
                if (image.snapshotProtected(snapshot)) {
                    unprotect(image, snapshot, to);
                }
                image.removeSnapshot(snapshot);
            }
            targetPool.renameImage(to.image(), tombstone);
            image.releaseLock();
        } catch (CephException e) {
            if (!e.is(Errno.ENOENT)) {
                throw e;
            }
            return false; // gone meanwhile: another copier discarded it
        }
        try {
            targetPool.removeImage(tombstone);
        } catch (CephException e) {
            if (!e.is(Errno.ENOENT)) {
                throw e;
            }
        }
        targetPool.removeObject(MANIFEST_PREFIX + to.image());
        LOG.infof("discarded %s/%s (attempt %d's copy) and its manifest", to.pool(), to.image(), attempt);
        return true;
    }

    private static void unprotect(RbdImage image, String snapshot, RbdImageRef to) {
        try {
            image.unprotectSnapshot(snapshot);
        } catch (CephException e) {
            if (!image.snapshotProtected(snapshot)) {
                return; // unprotected meanwhile
            }
            if (e.is(Errno.EBUSY)) {
                throw new PermanentCopyFailure(CopyFailureReason.DESTINATION_CONFLICT, to.pool() + "/" + to.image() + "@"
                        + snapshot + " has clones; the copy that failed verification was left in place");
            }
            throw e;
        }
    }

    /** A staging image's state marker stays unset until it is complete: its name says it is not. */
    private static void mark(CopyMarker markers, CopyTask task, String sourceLabel) {
        markers.set(Map.of(CopyMarker.SOURCE, sourceLabel, CopyMarker.MIGRATION, task.migrationId().toString(),
                CopyMarker.ATTEMPT, Integer.toString(task.attempt())));
    }

    private static void finish(RbdImage target, CopyMarker markers, String snapshot, CopyCounts counts, Duration duration,
            String manifestDigest) {
        if (markers.complete()) {
            markers.set(Map.of(CopyMarker.MANIFEST_DIGEST, manifestDigest));
        } else {
            markers.set(Map.of(CopyMarker.MANIFEST_DIGEST, manifestDigest,
                    CopyMarker.BYTES_READ, Long.toString(counts.bytesRead()),
                    CopyMarker.BYTES_WRITTEN, Long.toString(counts.bytesWritten()),
                    CopyMarker.ZERO_BYTES, Long.toString(counts.zeroBytesSkipped()),
                    CopyMarker.DURATION_MILLIS, Long.toString(duration.toMillis())));
        }
        if (!target.snapshotExists(snapshot)) {
            target.createSnapshot(snapshot);
        }
        if (!target.snapshotProtected(snapshot)) {
            target.protectSnapshot(snapshot);
        }
        markers.set(Map.of(CopyMarker.STATE, CopyMarker.COMPLETE));
    }

    private static CopyOutcome outcome(CopyMarker done, ImageLayout layout, RbdImageRef to, Duration duration,
            boolean alreadyComplete) {
        CopyCounts counts = new CopyCounts(done.number(CopyMarker.BYTES_READ), done.number(CopyMarker.BYTES_WRITTEN),
                done.number(CopyMarker.ZERO_BYTES));
        return new CopyOutcome(counts, duration, layout.objectSize(), layout.objectCount(), MANIFEST_PREFIX + to.image(),
                done.get(CopyMarker.MANIFEST_DIGEST).orElseThrow(), alreadyComplete, done.discardedAttempt(), List.of());
    }
}
