package dev.glancemigrator.cutover.ceph;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the copier writes into a target image's metadata (copier-service's CopyMarker): its presence is how
 * the migrator knows an image is its own. {@code source} reads {@code <cluster>:<pool>/<image>@<snap> (fsid …)}.
 */
public record CopyMark(String source, String migration) {

    /** The metadata keys, as the copier writes them. */
    public static final String SOURCE_KEY = "glance-migrator.source";
    public static final String MIGRATION_KEY = "glance-migrator.migration";
    /** A copy under way is made under its final name plus this (copier-service's ImageCopier): the name alone is ours. */
    public static final String STAGING_SUFFIX = ".glance-migrator-partial";
    /** A discarded copy's name between its rename and its removal: {@code <id>.glance-migrator-discarded-<attempt>}. */
    public static final String DISCARD_INFIX = ".glance-migrator-discarded-";
    /** The RADOS object in the target pool holding an image's manifest, for the verifier. */
    public static final String MANIFEST_PREFIX = "glance-migrator.manifest.";
    /** The snapshot Glance's rbd store makes, when the source names none. */
    public static final String DEFAULT_SNAPSHOT = "snap";

    private static final Pattern SNAPSHOT = Pattern.compile("@([^@ ]+) \\(fsid ");

    /** The snapshot the copier made on its copy: the source's, as it names it. */
    public String snapshot() {
        Matcher matcher = SNAPSHOT.matcher(source == null ? "" : source);
        return matcher.find() ? matcher.group(1) : DEFAULT_SNAPSHOT;
    }

    public boolean madeFor(String migrationId) {
        return Optional.ofNullable(migration).map(m -> m.equalsIgnoreCase(migrationId)).orElse(false);
    }
}
