package dev.glancemigrator.cutover.cleanup;

import dev.glancemigrator.cutover.ceph.CopyMark;
import dev.glancemigrator.cutover.ceph.SourceSnapshot;
import dev.glancemigrator.cutover.dependents.SourceDependents;
import dev.glancemigrator.cutover.journal.CutoverRun;
import dev.glancemigrator.cutover.journal.RunKind;
import dev.glancemigrator.cutover.journal.RunState;
import dev.glancemigrator.cutover.plan.ImageTask;
import dev.glancemigrator.events.DependentClone;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The clean-up's rules, without I/O.
 * <ul>
 * <li>A source image may be removed (by the operator: the tool has no key there) when its copy is verified, its
 * location was switched by a completed cutover run, Glance has no live location left on the source for it, its
 * snapshot has no clone children, and it is still there.</li>
 * <li>A target leftover is something the migrator made for this migration that nothing needs: a staging image
 * (the name is ours), a manifest object (the verifier is done), a copy with the copier's mark for this migration
 * that no live Glance location references. What belongs to an image still being copied or verified stays; an
 * image without the mark is never one, nor one marked for another migration.</li>
 * </ul>
 */
public final class CleanupRules {

    /** What the operator runs to remove the target's leftovers. */
    public static final String APPLY_COMMAND = "glance-migrator cleanup --apply --only target-leftovers";

    private CleanupRules() {
    }

    /** A full run completed and not rolled back, and nothing half-way since: the migration is cut over. */
    public static boolean cutOver(List<CutoverRun> runs) {
        return runs.stream().anyMatch(r -> r.kind() == RunKind.FULL && r.state() == RunState.COMPLETED)
                && runs.stream().noneMatch(CutoverRun::unfinished);
    }

    public static CleanupPlanView.Source source(SourceDependents found, List<ImageTask> tasks, Set<String> switched,
            Set<String> stillOnSourceInGlance) {
        List<CleanupPlanView.Removable> removable = new ArrayList<>();
        List<CleanupPlanView.Kept> kept = new ArrayList<>();
        String pool = found.sourcePool();
        for (ImageTask task : tasks) {
            String image = task.sourceImage() == null ? null : pool + "/" + task.sourceImage();
            if (!task.inScope()) {
                kept.add(new CleanupPlanView.Kept(task.imageId(), task.imageName(), image,
                        List.of("not migrated (" + task.state() + ")")));
                continue;
            }
            List<String> reasons = new ArrayList<>();
            if (!task.verified()) {
                reasons.add("its copy is not verified (" + task.state() + ")");
            }
            if (!switched.contains(task.imageId())) {
                reasons.add("no completed cutover switched its location");
            }
            if (stillOnSourceInGlance.contains(task.imageId())) {
                reasons.add("Glance still has a live location on the source for it");
            }
            SourceSnapshot snapshot = found.of(task);
            if (snapshot == null || snapshot.state() == SourceSnapshot.State.IMAGE_MISSING) {
                reasons.add("no longer on the source: nothing to remove");
            } else if (snapshot.state() == SourceSnapshot.State.SNAPSHOT_MISSING) {
                reasons.add("its snapshot " + found.spec(task) + " no longer exists");
            } else {
                List<DependentClone> children = found.dependentsOf(task);
                if (!children.isEmpty()) {
                    reasons.add(found.describe(task, children));
                }
            }
            if (reasons.isEmpty()) {
                removable.add(new CleanupPlanView.Removable(task.imageId(), task.imageName(), image, task.sourceSnapshot()));
            } else {
                kept.add(new CleanupPlanView.Kept(task.imageId(), task.imageName(), image, List.copyOf(reasons)));
            }
        }
        return new CleanupPlanView.Source(found.sourceCluster(), pool, List.copyOf(removable), List.copyOf(kept));
    }

    /** The operator's commands: each removable source image's snapshot and image, then the target's clean-up. */
    public static List<String> commands(List<CleanupPlanView.Removable> removable, boolean targetLeftovers) {
        List<String> commands = new ArrayList<>();
        for (CleanupPlanView.Removable image : removable) {
            String snapshot = image.image() + "@" + image.snapshot();
            commands.add("rbd snap unprotect " + snapshot);
            commands.add("rbd snap rm " + snapshot);
            commands.add("rbd rm " + image.image());
        }
        if (targetLeftovers) {
            commands.add(APPLY_COMMAND);
        }
        return List.copyOf(commands);
    }

    /** The manifest objects to look for: one per image of the migration and per image marked for it. */
    public static Set<String> manifestCandidates(String migrationId, List<ImageTask> tasks,
            Map<String, Optional<CopyMark>> marks) {
        Set<String> candidates = new TreeSet<>();
        tasks.forEach(task -> candidates.add(CopyMark.MANIFEST_PREFIX + task.imageId()));
        marks.forEach((image, mark) -> {
            if (mark.filter(m -> m.madeFor(migrationId)).isPresent()) {
                candidates.add(CopyMark.MANIFEST_PREFIX + imageIdOf(image));
            }
        });
        return candidates;
    }

    /**
     * @param poolImages every image name in the target pool
     * @param marks the copier's mark on each image no Glance location references (images gone meanwhile absent)
     * @param referenced the image names live Glance locations on the target reference
     * @param manifests the manifest objects found
     */
    public static List<TargetLeftover> leftovers(String migrationId, List<ImageTask> tasks, Collection<String> poolImages,
            Map<String, Optional<CopyMark>> marks, Set<String> referenced, Collection<String> manifests) {
        Map<String, ImageTask> byId = tasks.stream().collect(Collectors.toMap(ImageTask::imageId, Function.identity(),
                (a, b) -> a));
        List<TargetLeftover> leftovers = new ArrayList<>();
        for (String name : new TreeSet<>(poolImages)) {
            if (referenced.contains(name) || !marks.containsKey(name)) {
                continue;
            }
            String imageId = imageIdOf(name);
            ImageTask task = byId.get(imageId);
            if (task != null && task.inFlight()) {
                continue; // a copier or verifier is on it
            }
            boolean markedForThis = marks.get(name).filter(m -> m.madeFor(migrationId)).isPresent();
            if (name.endsWith(CopyMark.STAGING_SUFFIX)) {
                if (markedForThis || task != null) {
                    leftovers.add(new TargetLeftover(TargetLeftover.STAGING_IMAGE, name, imageId,
                            "an unfinished copy's staging image"));
                }
            } else if (markedForThis) {
                leftovers.add(new TargetLeftover(TargetLeftover.UNREFERENCED_COPY, name, imageId,
                        "copied for this migration, and no Glance location references it"
                                + (task == null ? "" : " (" + task.state() + ")")));
            }
        }
        for (String manifest : new TreeSet<>(manifests)) {
            String imageId = manifest.substring(CopyMark.MANIFEST_PREFIX.length());
            ImageTask task = byId.get(imageId);
            if (task != null && task.inFlight()) {
                continue;
            }
            leftovers.add(new TargetLeftover(TargetLeftover.MANIFEST_OBJECT, manifest, imageId,
                    "the verifier's manifest, not needed once cut over"));
        }
        return List.copyOf(leftovers);
    }

    /** The Glance image id a target image name stands for (a staging or discarded copy's name carries a suffix). */
    static String imageIdOf(String name) {
        if (name.endsWith(CopyMark.STAGING_SUFFIX)) {
            return name.substring(0, name.length() - CopyMark.STAGING_SUFFIX.length());
        }
        int discarded = name.indexOf(CopyMark.DISCARD_INFIX);
        return discarded > 0 ? name.substring(0, discarded) : name;
    }
}
