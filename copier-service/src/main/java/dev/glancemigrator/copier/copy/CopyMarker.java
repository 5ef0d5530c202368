package dev.glancemigrator.copier.copy;

import dev.glancemigrator.ceph.RbdImage;
import java.util.Optional;

/**
 * What the copier records in a target image's metadata: which source it copies, for which migration
 * and attempt, how far it got, when it is complete, and which earlier attempt's copy it replaced. Its
 * presence is how the copier knows an image is its own; it never writes to or removes an image without
 * it (staging images aside, whose name alone is ours).
 */
final class CopyMarker {

    static final String SOURCE = "glance-migrator.source";
    static final String MIGRATION = "glance-migrator.migration";
    static final String ATTEMPT = "glance-migrator.attempt";
    static final String STATE = "glance-migrator.state";
    static final String RESUME_OFFSET = "glance-migrator.resume-offset";
    static final String MANIFEST_DIGEST = "glance-migrator.manifest-digest";
    static final String BYTES_READ = "glance-migrator.bytes-read";
    static final String BYTES_WRITTEN = "glance-migrator.bytes-written";
    static final String ZERO_BYTES = "glance-migrator.zero-bytes-skipped";
    static final String DURATION_MILLIS = "glance-migrator.duration-millis";
    /** Set when this copy replaces an earlier attempt's complete copy, which the copier discarded. */
    static final String DISCARDED_ATTEMPT = "glance-migrator.discarded-attempt";
    static final String INCOMPLETE = "incomplete";
    static final String COMPLETE = "complete";

    private CopyMarker() {
    }

    static Optional<String> source(RbdImage image) {
        return image.metadata(SOURCE);
    }

    static boolean complete(RbdImage image) {
        return image.metadata(STATE).map(COMPLETE::equals).orElse(false);
    }

    static long resumeOffset(RbdImage image) {
        return image.metadata(RESUME_OFFSET).map(Long::parseLong).orElse(0L);
    }

    static long number(RbdImage image, String key) {
        return image.metadata(key).map(Long::parseLong).orElse(0L);
    }

    /** What the markers of an image under the final name say, for {@link ExistingCopy#decide}. */
    static ExistingCopy existing(RbdImage image, String snapshot) {
        return new ExistingCopy(source(image), image.metadata(MIGRATION), ExistingCopy.attemptOf(image.metadata(ATTEMPT)),
                complete(image), image.snapshotExists(snapshot));
    }

    static Integer discardedAttempt(RbdImage image) {
        return ExistingCopy.attemptOf(image.metadata(DISCARDED_ATTEMPT)).stream().boxed().findFirst().orElse(null);
    }
}
