package dev.glancemigrator.cutover.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cutover's rules, without I/O: which location rows move, and which preconditions fail.
 * <ul>
 * <li>every in-scope image of the migration (not out_of_scope, not skipped) is {@code verified};</li>
 * <li>every live location on the source (fsid and pool) belongs to a verified image of the migration
 * (otherwise: an upload since the plan, or an image the plan left out);</li>
 * <li>each destination snapshot exists and is protected.</li>
 * </ul>
 */
public final class LocationPlanner {

    static final String VERIFIED = "verified";
    static final Set<String> NOT_IN_SCOPE = Set.of("out_of_scope", "skipped");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String targetStore;

    /** @param targetStore the backend name location meta_data should carry after the cutover */
    public LocationPlanner(String targetStore) {
        this.targetStore = targetStore;
    }

    public LocationPlan plan(Migration migration, String targetFsid, Map<String, String> imageStates,
            List<GlanceLocation> liveLocations, SnapshotCheck snapshots) {
        List<Blocker> blockers = new ArrayList<>();
        imageStates.forEach((image, state) -> {
            if (!NOT_IN_SCOPE.contains(state) && !VERIFIED.equals(state)) {
                blockers.add(new Blocker("IMAGE_NOT_VERIFIED", image, "the image is " + state + " in this migration, not verified"));
            }
        });
        List<LocationChange> changes = new ArrayList<>();
        for (GlanceLocation location : liveLocations) {
            if (!onSource(location, migration)) {
                continue;
            }
            String state = imageStates.get(location.imageId());
            if (!VERIFIED.equals(state)) {
                blockers.add(new Blocker("UNMIGRATED_LOCATION", location.imageId(), "location " + location.id()
                        + " is on the source but the image is " + (state == null ? "not in this migration (uploaded since the plan?)"
                                : state + " in this migration") + ": re-plan, copy and verify it first"));
                continue;
            }
            LocationUrl target = movedTo(location, migration, targetFsid);
            switch (snapshots.check(target.image(), target.snapshot())) {
                case MISSING -> blockers.add(new Blocker("SNAPSHOT_MISSING", location.imageId(),
                        migration.targetPool() + "/" + target.image() + "@" + target.snapshot() + " does not exist on the target"));
                case UNPROTECTED -> blockers.add(new Blocker("SNAPSHOT_UNPROTECTED", location.imageId(),
                        migration.targetPool() + "/" + target.image() + "@" + target.snapshot() + " is not protected on the target"));
                case READY -> changes.add(new LocationChange(location.id(), location.imageId(), location.value(),
                        target.value(), location.metaData(), rewriteStore(location.metaData())));
            }
        }
        return new LocationPlan(List.copyOf(changes), List.copyOf(blockers));
    }

    /**
     * The target snapshots {@link #plan} asks the check about: those of the verified images' locations on the
     * source. Checked ahead, many at a time, they cost the plan one round of the cluster instead of one per image.
     */
    public List<LocationUrl> snapshotsToCheck(Migration migration, String targetFsid, Map<String, String> imageStates,
            List<GlanceLocation> liveLocations) {
        return liveLocations.stream()
                .filter(location -> onSource(location, migration) && VERIFIED.equals(imageStates.get(location.imageId())))
                .map(location -> movedTo(location, migration, targetFsid))
                .toList();
    }

    private static boolean onSource(GlanceLocation location, Migration migration) {
        return LocationUrl.parse(location.value()).filter(url -> url.on(migration.sourceFsid(), migration.sourcePool())).isPresent();
    }

    private static LocationUrl movedTo(GlanceLocation location, Migration migration, String targetFsid) {
        return LocationUrl.parse(location.value()).orElseThrow().movedTo(targetFsid, migration.targetPool());
    }

    /** The meta_data with its store name replaced when it names another store; otherwise unchanged, byte for byte. */
    String rewriteStore(String metaData) {
        if (metaData == null || metaData.isBlank()) {
            return metaData;
        }
        try {
            if (!(JSON.readTree(metaData) instanceof ObjectNode node) || !node.hasNonNull("store")
                    || node.get("store").asText().equals(targetStore)) {
                return metaData;
            }
            node.put("store", targetStore);
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            return metaData;
        }
    }
}
