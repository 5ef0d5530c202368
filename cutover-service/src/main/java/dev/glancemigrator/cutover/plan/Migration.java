package dev.glancemigrator.cutover.plan;

/** A migration as the planner's ledger records it: where images come from and go to. */
public record Migration(
        String id,
        String sourceCluster,
        String sourceFsid,
        String sourcePool,
        String targetCluster,
        String targetFsid,
        String targetPool) {
}
