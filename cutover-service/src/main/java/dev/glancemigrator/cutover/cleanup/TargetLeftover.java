package dev.glancemigrator.cutover.cleanup;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Something the migrator itself made on the target that nothing needs any more. */
@Schema(description = "A leftover of the migrator on the target")
public record TargetLeftover(
        @Schema(enumeration = {TargetLeftover.STAGING_IMAGE, TargetLeftover.MANIFEST_OBJECT, TargetLeftover.UNREFERENCED_COPY})
        String kind,
        @Schema(description = "the image's or RADOS object's name in the target pool") String name,
        String imageId,
        String reason) {

    /** An unfinished copy's image, {@code <image>.glance-migrator-partial}. */
    public static final String STAGING_IMAGE = "staging-image";
    /** {@code glance-migrator.manifest.<image>}: the verifier's, done once cut over. */
    public static final String MANIFEST_OBJECT = "manifest-object";
    /** A copy carrying the copier's mark that no Glance location references (skipped or deleted since the plan). */
    public static final String UNREFERENCED_COPY = "unreferenced-copy";
}
