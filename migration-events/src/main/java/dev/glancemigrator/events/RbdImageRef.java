package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.present;

/**
 * Where an RBD image lives. {@code cluster} is a name from the services' configuration (never a
 * key or a conf path); {@code fsid} is known for the source (it is in Glance's location URL) and
 * may be null for the target; {@code snapshot} is null when the image itself is meant.
 */
public record RbdImageRef(String cluster, String fsid, String pool, String image, String snapshot) {

    public RbdImageRef {
        present(cluster, "cluster");
        present(pool, "pool");
        present(image, "image");
    }

    /** {@code pool/image@snap}, the spelling of the rbd CLI. */
    public String spec() {
        return pool + "/" + image + (snapshot == null ? "" : "@" + snapshot);
    }
}
