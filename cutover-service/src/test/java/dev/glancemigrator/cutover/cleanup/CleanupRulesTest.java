package dev.glancemigrator.cutover.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.ceph.LinkedImage;
import dev.glancemigrator.cutover.ceph.CopyMark;
import dev.glancemigrator.cutover.ceph.SourceSnapshot;
import dev.glancemigrator.cutover.dependents.SourceDependents;
import dev.glancemigrator.cutover.journal.CutoverRun;
import dev.glancemigrator.cutover.journal.RunKind;
import dev.glancemigrator.cutover.journal.RunState;
import dev.glancemigrator.cutover.plan.ImageTask;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CleanupRulesTest {

    private static final String MIGRATION = "3f0c1a52-0000-4000-8000-000000000001";
    private static final String OTHER_MIGRATION = "3f0c1a52-0000-4000-8000-000000000002";
    private static final String DISK = "0b7e4c1e-1111-4222-8333-444455556666_disk";
    private static final String VOLUME = "volume-9a8b7c6d-1111-4222-8333-444455556666";

    private static ImageTask task(String id, String state) {
        return new ImageTask(id, "name-" + id, id, "snap", state);
    }

    private static Optional<CopyMark> markedFor(String migration) {
        return Optional.of(new CopyMark("old:images/x@snap (fsid f)", migration));
    }

    @Test
    void leftoversAreExactlyTheMigrationsStagingImagesManifestsAndUnreferencedMarkedCopies() {
        List<ImageTask> tasks = List.of(task("cut", "verified"), task("deleted", "skipped"), task("busy", "copying"));
        List<String> pool = List.of("cut", "deleted", "busy" + CopyMark.STAGING_SUFFIX, "gone" + CopyMark.STAGING_SUFFIX,
                "cut" + CopyMark.STAGING_SUFFIX, "unmarked", "others", "theirs" + CopyMark.STAGING_SUFFIX);
        Map<String, Optional<CopyMark>> marks = new LinkedHashMap<>();
        marks.put("deleted", markedFor(MIGRATION));
        marks.put("busy" + CopyMark.STAGING_SUFFIX, markedFor(MIGRATION));
        marks.put("gone" + CopyMark.STAGING_SUFFIX, markedFor(MIGRATION)); // no task: marked for this migration
        marks.put("cut" + CopyMark.STAGING_SUFFIX, Optional.empty()); // unmarked, but its name is a task's: ours
        marks.put("unmarked", Optional.empty());
        marks.put("others", markedFor(OTHER_MIGRATION));
        marks.put("theirs" + CopyMark.STAGING_SUFFIX, markedFor(OTHER_MIGRATION));
        List<String> manifests = List.of(CopyMark.MANIFEST_PREFIX + "cut", CopyMark.MANIFEST_PREFIX + "busy");

        List<TargetLeftover> leftovers = CleanupRules.leftovers(MIGRATION, tasks, pool, marks, Set.of("cut"), manifests);

        assertEquals(List.of(
                "staging-image cut.glance-migrator-partial cut",
                "unreferenced-copy deleted deleted",
                "staging-image gone.glance-migrator-partial gone",
                "manifest-object glance-migrator.manifest.cut cut"),
                leftovers.stream().map(l -> l.kind() + " " + l.name() + " " + l.imageId()).toList());
    }

    @Test
    void aReferencedCopyIsNeverALeftoverEvenWithTheMark() {
        Map<String, Optional<CopyMark>> marks = Map.of("live", markedFor(MIGRATION));
        assertEquals(List.of(), CleanupRules.leftovers(MIGRATION, List.of(task("live", "skipped")), List.of("live"), marks,
                Set.of("live"), List.of()));
    }

    @Test
    void manifestCandidatesAreTheMigrationsImagesAndThoseMarkedForIt() {
        Map<String, Optional<CopyMark>> marks = Map.of("extra.glance-migrator-discarded-2", markedFor(MIGRATION),
                "foreign", markedFor(OTHER_MIGRATION), "plain", Optional.empty());
        assertEquals(Set.of(CopyMark.MANIFEST_PREFIX + "a", CopyMark.MANIFEST_PREFIX + "extra"),
                CleanupRules.manifestCandidates(MIGRATION, List.of(task("a", "verified")), marks));
    }

    @Test
    void aSourceImageIsRemovableOnlyWhenVerifiedSwitchedUnreferencedChildlessAndPresent() {
        List<ImageTask> tasks = List.of(task("free", "verified"), task("parent", "verified"), task("late", "verified"),
                task("gone", "verified"), task("nosnap", "verified"), task("stuck", "verified"), task("left", "out_of_scope"));
        Map<String, SourceSnapshot> snapshots = new LinkedHashMap<>();
        for (String id : List.of("free", "late", "stuck")) {
            snapshots.put(id, new SourceSnapshot(id, "snap", SourceSnapshot.State.PRESENT, List.of()));
        }
        snapshots.put("parent", new SourceSnapshot("parent", "snap", SourceSnapshot.State.PRESENT, List.of(
                new LinkedImage(2, "vms", "", "c1", DISK, false), new LinkedImage(3, "volumes", "", "c2", VOLUME, true))));
        snapshots.put("gone", new SourceSnapshot("gone", "snap", SourceSnapshot.State.IMAGE_MISSING, List.of()));
        snapshots.put("nosnap", new SourceSnapshot("nosnap", "snap", SourceSnapshot.State.SNAPSHOT_MISSING, List.of()));
        SourceDependents found = new SourceDependents("old", "images",
                tasks.stream().filter(ImageTask::inScope).toList(), snapshots);

        CleanupPlanView.Source source = CleanupRules.source(found, tasks,
                Set.of("free", "parent", "gone", "nosnap", "stuck"), Set.of("stuck"));

        assertEquals(List.of(new CleanupPlanView.Removable("free", "name-free", "images/free", "snap")), source.removable());
        Map<String, List<String>> kept = new LinkedHashMap<>();
        source.kept().forEach(k -> kept.put(k.imageId(), k.reasons()));
        assertEquals(List.of("2 clones on old depend on images/parent@snap: vms/" + DISK + " (instance-disk), volumes/"
                + VOLUME + " (volume, in the trash)"), kept.get("parent"));
        assertEquals(List.of("no completed cutover switched its location"), kept.get("late"));
        assertEquals(List.of("no longer on the source: nothing to remove"), kept.get("gone"));
        assertEquals(List.of("its snapshot images/nosnap@snap no longer exists"), kept.get("nosnap"));
        assertEquals(List.of("Glance still has a live location on the source for it"), kept.get("stuck"));
        assertEquals(List.of("not migrated (out_of_scope)"), kept.get("left"));
    }

    @Test
    void theCommandsRemoveEachSnapshotThenItsImageAndEndWithTheTargetsCleanUp() {
        assertEquals(List.of("rbd snap unprotect images/a@snap", "rbd snap rm images/a@snap", "rbd rm images/a",
                CleanupRules.APPLY_COMMAND), CleanupRules.commands(
                        List.of(new CleanupPlanView.Removable("a", "A", "images/a", "snap")), true));
        assertEquals(List.of(), CleanupRules.commands(List.of(), false));
    }

    @Test
    void cutOverMeansACompletedFullRunNotRolledBackWithNothingHalfWaySince() {
        assertTrue(CleanupRules.cutOver(List.of(run(1, RunKind.FULL, RunState.COMPLETED),
                run(2, RunKind.DELTA, RunState.FAILED))));
        assertFalse(CleanupRules.cutOver(List.of()));
        assertFalse(CleanupRules.cutOver(List.of(run(1, RunKind.FULL, RunState.ROLLED_BACK))));
        assertFalse(CleanupRules.cutOver(List.of(run(1, RunKind.FULL, RunState.COMPLETED),
                run(2, RunKind.DELTA, RunState.JOURNALED))));
    }

    private static CutoverRun run(int attempt, RunKind kind, RunState state) {
        return new CutoverRun(MIGRATION, attempt, kind, "operator", state, "f", "images", "new", "g", "images", "file", null,
                1, 1, null, null, Instant.now(), null, null, null, null);
    }
}
