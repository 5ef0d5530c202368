package dev.glancemigrator.ceph;

/**
 * A clone child of a snapshot, in any pool of the cluster: what keeps the snapshot's cluster from
 * being retired. {@code inTrash}: the child was moved to the trash, where it still holds its parent.
 */
public record LinkedImage(long poolId, String pool, String namespace, String imageId, String image, boolean inTrash) {

    /** pool/[namespace/]image, as the rbd CLI names it. */
    public String spec() {
        return pool + "/" + (namespace.isEmpty() ? "" : namespace + "/") + image;
    }
}
