package dev.glancemigrator.cutover.dependents;

import dev.glancemigrator.cutover.ceph.SourceClones;
import dev.glancemigrator.cutover.plan.ImageTask;
import dev.glancemigrator.cutover.plan.Migration;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists, live, the clone children of every in-scope image's source snapshot: instances are booted and
 * volumes made while a migration runs, so nothing is cached. One call per image on the source cluster,
 * found by the ledger's name for it, with the read-only key.
 */
@ApplicationScoped
public class Dependents {

    private final SourceClones clones;

    Dependents(SourceClones clones) {
        this.clones = clones;
    }

    /**
     * @throws dev.glancemigrator.cutover.ceph.ClusterUnreachableException when the source does not answer
     */
    public SourceDependents of(Migration migration, List<ImageTask> tasks) {
        List<ImageTask> inScope = tasks.stream().filter(t -> t.inScope() && t.sourceImage() != null).toList();
        Map<String, String> snapshots = new LinkedHashMap<>();
        inScope.forEach(task -> snapshots.put(task.sourceImage(), task.sourceSnapshot()));
        return new SourceDependents(migration.sourceCluster(), migration.sourcePool(), inScope,
                clones.of(migration.sourceCluster(), migration.sourcePool(), snapshots));
    }
}
