package dev.glancemigrator.planner.plan;

/** The pool a migration copies to, on a configured cluster. */
public record TargetPool(String cluster, String fsid, String pool) {
}
