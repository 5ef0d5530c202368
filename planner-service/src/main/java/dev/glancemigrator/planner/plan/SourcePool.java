package dev.glancemigrator.planner.plan;

/** The pool a migration copies from: a configured cluster's name, its fsid, and the pool. */
public record SourcePool(String cluster, String fsid, String pool) {

    @Override
    public String toString() {
        return cluster + " (" + fsid + ") pool " + pool;
    }
}
