package dev.glancemigrator.cutover.dependents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glancemigrator.ceph.LinkedImage;
import dev.glancemigrator.cutover.ceph.SourceSnapshot;
import dev.glancemigrator.cutover.plan.ImageTask;
import dev.glancemigrator.events.DependentClone;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceDependentsTest {

    private static final String DISK = "0b7e4c1e-1111-4222-8333-444455556666_disk";

    @Test
    void onlyImagesWithChildrenAreItemsAndAMissingSnapshotCountsOnlyAsMissing() {
        List<ImageTask> tasks = List.of(new ImageTask("a", "A", "a", "snap", "verified"),
                new ImageTask("b", "B", "b", "snap", "verified"), new ImageTask("c", "C", "c", "snap", "verified"));
        SourceDependents found = new SourceDependents("old", "images", tasks, Map.of(
                "a", new SourceSnapshot("a", "snap", SourceSnapshot.State.PRESENT, List.of(
                        new LinkedImage(2, "vms", "", "i1", DISK, false), new LinkedImage(3, "volumes", "ns", "i2", "hand-made", false))),
                "b", new SourceSnapshot("b", "snap", SourceSnapshot.State.PRESENT, List.of()),
                "c", new SourceSnapshot("c", "snap", SourceSnapshot.State.SNAPSHOT_MISSING, List.of())));

        DependentsView view = found.view("m");

        assertEquals(2, view.imagesChecked());
        assertEquals(1, view.imagesWithDependents());
        assertEquals(2, view.dependents());
        assertEquals(1, view.missing());
        assertEquals(List.of(new ImageDependents("a", "A", "images/a@snap", List.of(
                new DependentClone("vms", "", DISK, DependentClone.Kind.INSTANCE_DISK, false),
                new DependentClone("volumes", "ns", "hand-made", DependentClone.Kind.OTHER, false)))),
                view.items());
        assertEquals(List.of(new Warning("dependents", "a",
                "2 clones on old depend on images/a@snap: vms/" + DISK + " (instance-disk), volumes/ns/hand-made (other)")),
                found.warnings());
        assertEquals(new DependentsSummary(1, 2), found.summary());
    }
}
