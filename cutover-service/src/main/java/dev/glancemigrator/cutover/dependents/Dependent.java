package dev.glancemigrator.cutover.dependents;

import dev.glancemigrator.ceph.LinkedImage;
import dev.glancemigrator.events.DependentClone;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One clone child of a source snapshot, as the API shows it. */
@Schema(description = "A clone on the source cluster whose parent is an image's snapshot")
public record Dependent(
        String pool,
        String namespace,
        String image,
        @Schema(enumeration = {"instance-disk", "volume", "other"}, description = "what its name says it is: Nova's"
                + " ephemeral disk (<instance uuid>_disk), a Cinder volume (volume-<uuid>), or anything else") String kind,
        @Schema(description = "moved to the trash, where it still holds its parent") boolean inTrash) {

    static Dependent of(LinkedImage child) {
        DependentClone clone = DependentClone.found(child.pool(), child.namespace(), child.image(), child.inTrash());
        return new Dependent(clone.pool(), clone.namespace(), clone.image(),
                clone.kind().name().toLowerCase().replace('_', '-'), clone.inTrash());
    }

    /** pool/[namespace/]image, as the rbd CLI names it. */
    public String spec() {
        return pool + "/" + (namespace.isEmpty() ? "" : namespace + "/") + image;
    }
}
