package dev.glancemigrator.verifier.verify;

import com.sun.jna.Memory;
import dev.glancemigrator.ceph.CephCluster;
import dev.glancemigrator.ceph.CephException;
import dev.glancemigrator.ceph.Errno;
import dev.glancemigrator.ceph.Extent;
import dev.glancemigrator.ceph.ImageLayout;
import dev.glancemigrator.ceph.ObjectChunks;
import dev.glancemigrator.ceph.OrderedReader;
import dev.glancemigrator.ceph.RadosPool;
import dev.glancemigrator.ceph.RbdImage;
import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.RbdImageRef;
import dev.glancemigrator.events.RetryReason;
import dev.glancemigrator.events.VerificationFailureReason;
import dev.glancemigrator.events.VerifyMode;
import dev.glancemigrator.events.manifest.ObjectDigests;
import dev.glancemigrator.worker.progress.ProgressListener;
import dev.glancemigrator.worker.progress.ProgressMeter;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Decides whether a copy can be trusted. One sparse read of the target snapshot feeds both the
 * per-object digests (compared with the copier's manifest of the source) and the whole-image
 * digest (compared with the hash Glance recorded at upload). Without a recorded hash, or when
 * asked to, the source is read too and compared object by object. Any object that differs is
 * compared byte by byte with the source to name the first differing offset.
 *
 * <p>When a copy made to retry a failed verification differs again, the source itself is hashed and
 * compared with Glance's recorded hash, and the failure says which side is wrong.
 */
public final class ImageVerifier {

    /** Failures that compared data: after a retry, worth telling whether the source or the copy is wrong. */
    private static final Set<VerificationFailureReason> DATA_MISMATCHES = EnumSet.of(
            VerificationFailureReason.CONTENT_MISMATCH, VerificationFailureReason.SOURCE_MISMATCH,
            VerificationFailureReason.HASH_MISMATCH);

    private final VerifyTuning tuning;

    public ImageVerifier(VerifyTuning tuning) {
        this.tuning = tuning;
    }

    public VerifyOutcome verify(Copied copied, Optional<RecordedHash> recorded, OptionalLong glanceSize,
            CephCluster sourceCluster, CephCluster targetCluster, ProgressListener listener,
            BooleanSupplier abandon) {
        long started = System.nanoTime();
        RbdImageRef target = copied.target();
        String snapshot = target.snapshot();
        VerifyMode mode = recorded.isEmpty() ? VerifyMode.SOURCE_COMPARE
                : tuning.fullCompare() ? VerifyMode.FULL_COMPARE : VerifyMode.MANIFEST_AND_HASH;
        try (RadosPool targetPool = targetCluster.openPool(target.pool())) {
            // One open, at the snapshot, serves every check: an image open costs ~3 ms of CPU, a good
            // share of what a small image's verification costs in all.
            RbdImage opened;
            try {
                opened = targetPool.openReadOnly(target.image(), snapshot);
            } catch (CephException e) {
                if (!e.is(Errno.ENOENT)) {
                    throw e;
                }
                return snapshotMissing(targetPool, target, mode, started);
            }
            try (RbdImage image = opened) {
                if (!image.snapshotProtected(snapshot)) {
                    return VerifyOutcome.failed(mode, VerificationFailureReason.SNAPSHOT_UNPROTECTED, null,
                            target.spec() + "@" + snapshot + " is not protected", 0, since(started));
                }
                ImageLayout layout = image.layout();
                if (glanceSize.isPresent() && glanceSize.getAsLong() != layout.size()) {
                    return VerifyOutcome.failed(mode, VerificationFailureReason.SIZE_MISMATCH, null, target.spec() + "@"
                            + snapshot + " is " + layout.size() + " bytes; Glance recorded " + glanceSize.getAsLong(), 0,
                            since(started));
                }
                if (layout.objectSize() != copied.manifest().objectSizeBytes()) {
                    return VerifyOutcome.failed(mode, VerificationFailureReason.OBJECT_SIZE_MISMATCH, null, "objects of "
                            + layout.objectSize() + " bytes; the source had " + copied.manifest().objectSizeBytes(), 0,
                            since(started));
                }
                Optional<List<String>> manifest = readManifest(targetPool, copied);
                if (manifest.isEmpty()) {
                    return VerifyOutcome.failed(mode, VerificationFailureReason.MANIFEST_INVALID, null, "manifest "
                            + copied.manifest().radosObject() + " is missing or does not match the digest in the copied event",
                            0, since(started));
                }
                VerifyOutcome outcome = compare(copied, recorded, mode, sourceCluster, image, layout, manifest.get(),
                        listener, abandon, started);
                if (!outcome.verified() && DATA_MISMATCHES.contains(outcome.reason())
                        && copied.retryReason() == RetryReason.VERIFICATION_FAILED) {
                    return secondMismatch(outcome, copied, recorded, sourceCluster, layout, abandon);
                }
                return outcome;
            }
        }
    }

    private VerifyOutcome compare(Copied copied, Optional<RecordedHash> recorded, VerifyMode mode,
            CephCluster sourceCluster, RbdImage image, ImageLayout layout, List<String> manifest,
            ProgressListener listener, BooleanSupplier abandon, long started) {
        long size = layout.size();
        // No chunk is longer than an object or the image: a 1 MiB image needs no 8 MiB of zeros.
        byte[] zeroObject = new byte[Math.toIntExact(Math.min(layout.objectSize(), size))];
        ObjectDigests targetDigests = new ObjectDigests(ObjectDigests.JAVA_ALGORITHM, layout.objectSize(), size);
        Optional<WholeImageDigest> whole = recorded.map(hash -> new WholeImageDigest(hash, size));
        ProgressMeter meter = new ProgressMeter(size, tuning.progressInterval(), listener);
        long bytesRead = new OrderedReader(image, tuning.readsInFlight(), layout.objectSize()).read(
                ObjectChunks.of(image.allocatedExtents(size, true), layout.objectSize(), size),
                (chunk, nativeData, data, length) -> {
                    // Zeros are a hole to the manifest, whose digest is cached: no need to hash them twice.
                    if (Arrays.mismatch(data, 0, length, zeroObject, 0, length) >= 0) {
                        targetDigests.add(chunk.offset(), data, length);
                    }
                    whole.ifPresent(digest -> digest.add(chunk.offset(), nativeData, data, length));
                    meter.reached(chunk.end());
                }, abandon);
        List<String> actual = targetDigests.finish();

        int differing = firstDifference(manifest, actual);
        // The source is opened only when needed: a copy that matches its manifest and Glance's hash
        // (images uploaded through Glance) is verified without it.
        if (differing >= 0 || mode != VerifyMode.MANIFEST_AND_HASH) {
            try (RadosPool sourcePool = sourceCluster.openPool(copied.source().pool());
                    RbdImage source = sourcePool.openReadOnly(copied.source().image(), copied.source().snapshot())) {
                if (differing >= 0) {
                    long offset = firstDifferingByte(source, image, layout, differing);
                    return VerifyOutcome.failed(mode, VerificationFailureReason.CONTENT_MISMATCH, offset, "object "
                            + differing + " differs from the source; first differing byte at offset " + offset, bytesRead,
                            since(started));
                }
                if (mode != VerifyMode.MANIFEST_AND_HASH) {
                    ObjectDigests sourceDigests = new ObjectDigests(ObjectDigests.JAVA_ALGORITHM, layout.objectSize(),
                            size);
                    bytesRead += new OrderedReader(source, tuning.readsInFlight(), layout.objectSize()).read(
                            ObjectChunks.of(source.allocatedExtents(size, true), layout.objectSize(), size),
                            (chunk, nativeData, data, length) -> sourceDigests.add(chunk.offset(), data, length), abandon);
                    differing = firstDifference(sourceDigests.finish(), actual);
                    if (differing >= 0) {
                        long offset = firstDifferingByte(source, image, layout, differing);
                        return VerifyOutcome.failed(mode, VerificationFailureReason.SOURCE_MISMATCH, offset, "object "
                                + differing + " differs from the source; first differing byte at offset " + offset, bytesRead,
                                since(started));
                    }
                }
            }
        }
        if (recorded.isEmpty()) {
            return new VerifyOutcome(true, mode, null, null, null, bytesRead, since(started), null, null, null);
        }
        String computed = whole.orElseThrow().finish();
        RecordedHash hash = recorded.get();
        if (!computed.equals(hash.value())) {
            return new VerifyOutcome(false, mode, hash.algorithm(), computed, hash.value(), bytesRead, since(started),
                    VerificationFailureReason.HASH_MISMATCH, null, "the " + hash.algorithm() + " of the copy is " + computed
                    + "; Glance recorded " + hash.value() + " at upload");
        }
        return new VerifyOutcome(true, mode, hash.algorithm(), computed, hash.value(), bytesRead, since(started), null, null,
                null);
    }

    /**
     * The copy differs again after a retry of a failed verification: hashes the source as Glance hashed the
     * upload, to tell a source that changed from a copy path that fails twice.
     */
    private VerifyOutcome secondMismatch(VerifyOutcome outcome, Copied copied, Optional<RecordedHash> recorded,
            CephCluster sourceCluster, ImageLayout layout, BooleanSupplier abandon) {
        String retry = copied.discardedAttempt() != null
                ? "This copy was made afresh after attempt " + copied.discardedAttempt()
                        + "'s copy failed verification and was discarded, and differs again:"
                : "This copy is a retry after a failed verification (the copier replaced no earlier copy), and differs"
                        + " again:";
        if (recorded.isEmpty()) {
            return outcome.explained(retry + " Glance recorded no hash to tell whether the source or the copy is wrong.",
                    0);
        }
        RecordedHash hash = recorded.get();
        WholeImageDigest sourceDigest = new WholeImageDigest(hash, layout.size());
        long read;
        try (RadosPool sourcePool = sourceCluster.openPool(copied.source().pool());
                RbdImage source = sourcePool.openReadOnly(copied.source().image(), copied.source().snapshot())) {
            read = new OrderedReader(source, tuning.readsInFlight(), layout.objectSize()).read(
                    ObjectChunks.of(source.allocatedExtents(layout.size(), true), layout.objectSize(), layout.size()),
                    (chunk, nativeData, data, length) -> sourceDigest.add(chunk.offset(), nativeData, data, length),
                    abandon);
        }
        String sourceHash = sourceDigest.finish();
        if (!sourceHash.equals(hash.value())) {
            return outcome.explained(retry + " the source itself no longer matches the hash Glance recorded (the "
                    + hash.algorithm() + " of " + copied.source().spec() + "@" + copied.source().snapshot() + " is "
                    + sourceHash + "; Glance recorded " + hash.value() + "): the source is wrong, not the copy.", read);
        }
        return outcome.explained(retry + " the source matches Glance's hash; the copy differs again (suspect the copy"
                + " path or the target cluster).", read);
    }

    /** The target (or its snapshot) is not there: which of the two, for the operator. */
    private static VerifyOutcome snapshotMissing(RadosPool pool, RbdImageRef target, VerifyMode mode, long started) {
        String message = pool.imageExists(target.image()) ? target.spec() + " has no snapshot '" + target.snapshot() + "'"
                : target.spec() + " does not exist";
        return VerifyOutcome.failed(mode, VerificationFailureReason.SNAPSHOT_MISSING, null, message, 0, since(started));
    }

    private static Optional<List<String>> readManifest(RadosPool pool, Copied copied) {
        return pool.readObject(copied.manifest().radosObject())
                .filter(bytes -> ObjectDigests.digestOf(bytes).equals(copied.manifest().digestOfDigests()))
                .map(ObjectDigests::parse);
    }

    private static int firstDifference(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            if (i >= expected.size() || i >= actual.size() || !expected.get(i).equals(actual.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Reads object {@code index} of both images whole (holes read as zeros) and finds the first byte that differs. */
    private static long firstDifferingByte(RbdImage source, RbdImage target, ImageLayout layout, int index) {
        long offset = index * layout.objectSize();
        int length = Math.toIntExact(Math.min(layout.objectSize(), layout.size() - offset));
        byte[] expected = readWhole(source, offset, length);
        byte[] actual = readWhole(target, offset, length);
        int at = Arrays.mismatch(expected, actual);
        return at < 0 ? offset : offset + at;
    }

    private static byte[] readWhole(RbdImage image, long offset, int length) {
        Memory buffer = new Memory(Math.max(1, length));
        image.readAsync(offset, length, buffer).await();
        return buffer.getByteArray(0, length);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
