package dev.glancemigrator.cutover.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cutover's rules without I/O: URLs parsed and rebuilt, blockers named, meta_data kept or rewritten. */
class LocationPlannerTest {

    private static final String OLD = "c44986e9-69c5-438b-985e-56c4f5e0f2cc";
    private static final String NEW = "25b1bf21-e7d4-4d83-9ece-80235028692b";
    private static final Migration MIGRATION = new Migration("m", "old", OLD, "images", "new", null, "images2");

    @Test
    void urlsAreParsedAndRebuiltPartByPart() {
        LocationUrl url = LocationUrl.parse("rbd://" + OLD + "/images/a%20b%2Fc/snap").orElseThrow();
        assertEquals("a b/c", url.image());
        assertEquals("rbd://" + NEW + "/images2/a%20b%2Fc/snap", url.movedTo(NEW, "images2").value());
        assertTrue(LocationUrl.parse("rbd://image-only").isEmpty());
        assertTrue(LocationUrl.parse("file:///var/lib/glance/x").isEmpty());
        assertTrue(LocationUrl.parse("rbd://" + OLD + "/images/x/snap/extra").isEmpty());
        // A pool named like the fsid is not replaced: nothing is text-replaced.
        assertEquals("rbd://" + NEW + "/" + OLD + "/img/snap",
                LocationUrl.parse("rbd://" + OLD + "/" + OLD + "/img/snap").orElseThrow().movedTo(NEW, OLD).value());
    }

    @Test
    void verifiedImagesMoveAndEverythingElseBlocks() {
        List<GlanceLocation> live = List.of(
                new GlanceLocation(1, "a", "rbd://" + OLD + "/images/a/snap", "{\"store\": \"ceph\"}", "active"),
                new GlanceLocation(2, "b", "rbd://" + OLD + "/images/b/snap", "{\"store\": \"ceph\"}", "active"),
                new GlanceLocation(3, "late", "rbd://" + OLD + "/images/late/snap", "{}", "active"),
                new GlanceLocation(4, "elsewhere", "rbd://" + OLD + "/other-pool/x/snap", "{}", "active"),
                new GlanceLocation(5, "moved", "rbd://" + NEW + "/images2/moved/snap", "{}", "active"));
        Map<String, String> states = Map.of("a", "verified", "b", "verified", "c", "copying", "gone", "skipped",
                "queued", "out_of_scope");
        LocationPlan plan = new LocationPlanner("ceph").plan(MIGRATION, NEW, states, live,
                (image, snap) -> image.equals("b") ? SnapshotCheck.Result.UNPROTECTED : SnapshotCheck.Result.READY);

        assertEquals(List.of(1L), plan.changes().stream().map(LocationChange::locationId).toList());
        assertEquals("rbd://" + NEW + "/images2/a/snap", plan.changes().get(0).newValue());
        assertEquals("{\"store\": \"ceph\"}", plan.changes().get(0).newMetaData(), "same store: meta_data untouched");
        assertEquals(List.of("IMAGE_NOT_VERIFIED:c", "SNAPSHOT_UNPROTECTED:b", "UNMIGRATED_LOCATION:late"),
                plan.blockers().stream().map(b -> b.code() + ":" + b.imageId()).sorted().toList());
    }

    @Test
    void theSnapshotsCheckedAheadAreExactlyThoseThePlanAsksAbout() {
        List<GlanceLocation> live = List.of(
                new GlanceLocation(1, "a", "rbd://" + OLD + "/images/a/snap", "{}", "active"),
                new GlanceLocation(2, "b", "rbd://" + OLD + "/images/b/snap", "{}", "active"),
                new GlanceLocation(3, "late", "rbd://" + OLD + "/images/late/snap", "{}", "active"),
                new GlanceLocation(4, "c", "rbd://" + OLD + "/images/c/snap", "{}", "active"),
                new GlanceLocation(5, "moved", "rbd://" + NEW + "/images2/moved/snap", "{}", "active"));
        Map<String, String> states = Map.of("a", "verified", "b", "verified", "c", "copying", "moved", "verified");
        LocationPlanner planner = new LocationPlanner("ceph");
        List<String> asked = new ArrayList<>();
        planner.plan(MIGRATION, NEW, states, live, (image, snap) -> {
            asked.add(image + "@" + snap);
            return SnapshotCheck.Result.READY;
        });

        List<String> ahead = planner.snapshotsToCheck(MIGRATION, NEW, states, live).stream()
                .map(url -> url.pool() + "/" + url.image() + "@" + url.snapshot()).toList();
        assertEquals(List.of("images2/a@snap", "images2/b@snap"), ahead);
        assertEquals(List.of("a@snap", "b@snap"), asked);
    }

    @Test
    void storeNamesAreRewrittenOnlyWhenTheStoresDiffer() {
        LocationPlanner planner = new LocationPlanner("ceph-new");
        assertEquals("{\"store\":\"ceph-new\",\"x\":1}", planner.rewriteStore("{\"store\": \"ceph\", \"x\": 1}"));
        assertEquals("{\"store\": \"ceph-new\"}", planner.rewriteStore("{\"store\": \"ceph-new\"}"));
        assertEquals("{}", planner.rewriteStore("{}"));
        assertEquals(null, planner.rewriteStore(null));
    }
}
