package dev.glancemigrator.cutover.dependents;

import dev.glancemigrator.cutover.ceph.SourceSnapshot;
import dev.glancemigrator.cutover.plan.ImageTask;
import dev.glancemigrator.events.DependentClone;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The in-scope images of a migration and what their source snapshots look like now; the dependents listing,
 * the dry run's warnings and the clean-up plan's reasons read from it. No I/O here.
 */
public record SourceDependents(String sourceCluster, String sourcePool, List<ImageTask> images,
        Map<String, SourceSnapshot> snapshots) {

    /** The source snapshot of {@code task} as found (null when not looked at: out of scope). */
    public SourceSnapshot of(ImageTask task) {
        return task.sourceImage() == null ? null : snapshots.get(task.sourceImage());
    }

    public String spec(ImageTask task) {
        return sourcePool + "/" + task.sourceImage() + "@" + task.sourceSnapshot();
    }

    public List<DependentClone> dependentsOf(ImageTask task) {
        SourceSnapshot snapshot = of(task);
        return snapshot == null ? List.of() : snapshot.children().stream()
                .map(child -> DependentClone.found(child.pool(), child.namespace(), child.image(), child.inTrash())).toList();
    }

    public DependentsView view(String migrationId) {
        List<ImageDependents> items = new ArrayList<>();
        int checked = 0;
        int missing = 0;
        int children = 0;
        for (ImageTask task : images) {
            SourceSnapshot snapshot = of(task);
            if (snapshot == null) {
                continue;
            }
            if (!snapshot.present()) {
                missing++;
                continue;
            }
            checked++;
            List<DependentClone> dependents = dependentsOf(task);
            if (!dependents.isEmpty()) {
                items.add(new ImageDependents(task.imageId(), task.imageName(), spec(task), dependents));
                children += dependents.size();
            }
        }
        return new DependentsView(migrationId, sourceCluster, checked, items.size(), children, missing, List.copyOf(items));
    }

    /** One warning per image with children, naming each child and its kind. */
    public List<Warning> warnings() {
        List<Warning> warnings = new ArrayList<>();
        for (ImageTask task : images) {
            List<DependentClone> dependents = dependentsOf(task);
            if (!dependents.isEmpty()) {
                warnings.add(new Warning("dependents", task.imageId(), describe(task, dependents)));
            }
        }
        return warnings;
    }

    public DependentsSummary summary() {
        DependentsView view = view("");
        return new DependentsSummary(view.imagesWithDependents(), view.dependents());
    }

    /** "2 clones on old depend on images/&lt;id&gt;@snap: vms/…_disk (instance-disk), volumes/volume-… (volume)". */
    public String describe(ImageTask task, List<DependentClone> dependents) {
        String count = dependents.size() == 1 ? "1 clone on " + sourceCluster + " depends on "
                : dependents.size() + " clones on " + sourceCluster + " depend on ";
        return count + spec(task) + ": " + dependents.stream()
                .map(d -> d.spec() + " (" + d.kind().label() + (d.inTrash() ? ", in the trash" : "") + ")")
                .collect(Collectors.joining(", "));
    }
}
