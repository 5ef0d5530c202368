package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.present;

/** A pool on a configured cluster; {@code fsid} may be null where it is not known yet. */
public record RbdPoolRef(String cluster, String fsid, String pool) {

    public RbdPoolRef {
        present(cluster, "cluster");
        present(pool, "pool");
    }
}
