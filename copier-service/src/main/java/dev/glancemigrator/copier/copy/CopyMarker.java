package dev.glancemigrator.copier.copy;

import dev.glancemigrator.ceph.RbdImage;
import java.util.Map;
import java.util.Optional;

/**
 * What the copier records in a target image's metadata: which source it copies, for which migration
 * and attempt, how far it got, when it is complete, and which earlier attempt's copy it replaced. Its
 * presence is how the copier knows an image is its own; it never writes to or removes an image without
 * it (staging images aside, whose name alone is ours).
 *
 * <p>An instance holds one open image's markers, read in one call and kept in step with what it
 * writes: nobody else writes them meanwhile (the copier holds the image's exclusive lock, or only
 * reads), and a small image's copy would otherwise spend more OSD round trips on its own markers
 * than on its data.
 */
final class CopyMarker {

    static final String PREFIX = "glance-migrator.";
    static final String SOURCE = PREFIX + "source";
    static final String MIGRATION = PREFIX + "migration";
    static final String ATTEMPT = PREFIX + "attempt";
    static final String STATE = PREFIX + "state";
    static final String RESUME_OFFSET = PREFIX + "resume-offset";
    static final String MANIFEST_DIGEST = PREFIX + "manifest-digest";
    static final String BYTES_READ = PREFIX + "bytes-read";
    static final String BYTES_WRITTEN = PREFIX + "bytes-written";
    static final String ZERO_BYTES = PREFIX + "zero-bytes-skipped";
    static final String DURATION_MILLIS = PREFIX + "duration-millis";
    /** Set when this copy replaces an earlier attempt's complete copy, which the copier discarded. */
    static final String DISCARDED_ATTEMPT = PREFIX + "discarded-attempt";
    static final String COMPLETE = "complete";

    private final RbdImage image;
    private final Map<String, String> markers;

    private CopyMarker(RbdImage image, Map<String, String> markers) {
        this.image = image;
        this.markers = markers;
    }

    /** The image's markers as they are now. */
    static CopyMarker of(RbdImage image) {
        return new CopyMarker(image, image.metadataStartingWith(PREFIX));
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(markers.get(key));
    }

    /**
     * Sets markers in one write that notifies no other client of the image: only for the staging image,
     * which nobody but the lock holder uses. A copy's ten markers set one by one, each notified, cost more
     * OSD operations than a small image's data (bench/README.md).
     */
    void set(Map<String, String> entries) {
        image.setMetadata(entries);
        markers.putAll(entries);
    }

    Optional<String> source() {
        return get(SOURCE);
    }

    boolean complete() {
        return get(STATE).map(COMPLETE::equals).orElse(false);
    }

    long resumeOffset() {
        return number(RESUME_OFFSET);
    }

    long number(String key) {
        return get(key).map(Long::parseLong).orElse(0L);
    }

    /** What the markers of an image under the final name say, for {@link ExistingCopy#decide}. */
    ExistingCopy existing(String snapshot) {
        return new ExistingCopy(source(), get(MIGRATION), ExistingCopy.attemptOf(get(ATTEMPT)), complete(),
                image.snapshotExists(snapshot));
    }

    Integer discardedAttempt() {
        return ExistingCopy.attemptOf(get(DISCARDED_ATTEMPT)).stream().boxed().findFirst().orElse(null);
    }
}
