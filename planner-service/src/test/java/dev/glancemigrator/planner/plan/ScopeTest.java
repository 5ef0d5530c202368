package dev.glancemigrator.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeTest {

    private static final String OLD = "4c9d0f2b-2369-49dd-bb96-321d91babb6e";
    private static final String NEW = "f610a762-1b78-48e7-be5d-3918f576bc11";
    private static final SourcePool SOURCE = new SourcePool("old", OLD, "images");

    private static GlanceImage.Location live(String url) {
        return new GlanceImage.Location(1, url, false, "active");
    }

    private static GlanceImage image(String status, boolean deleted, GlanceImage.Location... locations) {
        return new GlanceImage("id-1", "name", 42L, status, deleted, List.of(locations));
    }

    private static String onOld(String image) {
        return "rbd://" + OLD + "/images/" + image + "/snap";
    }

    @Test
    void activeAndDeactivatedImagesOnTheSourceAreCopied() {
        for (String status : List.of("active", "deactivated")) {
            Scope.Copy copy = assertInstanceOf(Scope.Copy.class,
                    Scope.decide(image(status, false, live(onOld("id-1"))), SOURCE));
            assertEquals("id-1", copy.location().image());
            assertEquals("snap", copy.location().snapshot());
        }
    }

    @Test
    void statusesWithoutDataAreLeftAloneWithTheStatusAsReason() {
        for (String status : List.of("queued", "saving", "importing", "killed", "pending_delete", "uploading")) {
            assertReason(Scope.decide(image(status, false, live(onOld("id-1"))), SOURCE), status);
        }
        assertReason(Scope.decide(image("deleted", true, live(onOld("id-1"))), SOURCE), "deleted");
    }

    @Test
    void deadOrPendingDeleteLocationRowsAreNotCopiedFrom() {
        assertReason(Scope.decide(image("active", false, new GlanceImage.Location(1, onOld("id-1"), true, "deleted")),
                SOURCE), "location row on the source is deleted");
        assertReason(Scope.decide(image("active", false,
                new GlanceImage.Location(1, onOld("id-1"), false, "pending_delete")), SOURCE), "pending_delete");
    }

    @Test
    void unhandledFormatsAndOtherClustersAreNamed() {
        assertReason(Scope.decide(image("active", false, live("file:///var/lib/glance/id-1")), SOURCE), "file://");
        assertReason(Scope.decide(image("active", false, live("http://mirror/id-1")), SOURCE), "http://");
        assertReason(Scope.decide(image("active", false, live("rbd://id-1")), SOURCE), "rbd://<image>");
        assertReason(Scope.decide(image("active", false, live("rbd://" + NEW + "/images/id-1/snap")), SOURCE),
                "no location on the source");
        assertReason(Scope.decide(image("active", false), SOURCE), "no location");
    }

    @Test
    void ofSeveralLocationsOnlyTheLiveOneOnTheSourceIsUsed() {
        Scope.Copy copy = assertInstanceOf(Scope.Copy.class, Scope.decide(image("active", false,
                live("rbd://" + NEW + "/images/id-1/snap"),
                new GlanceImage.Location(2, onOld("stale"), true, "deleted"),
                live("file:///x"),
                new GlanceImage.Location(4, onOld("id-1"), false, "active")), SOURCE));
        assertEquals(onOld("id-1"), copy.url());
    }

    @Test
    void aReasonAboutTheSourceRowWinsOverOneAboutAnotherCluster() {
        assertReason(Scope.decide(image("active", false,
                live("rbd://" + NEW + "/images/id-1/snap"),
                new GlanceImage.Location(2, onOld("id-1"), true, "deleted")), SOURCE), "source is deleted");
    }

    private static void assertReason(Scope.Decision decision, String text) {
        Scope.LeaveAlone leave = assertInstanceOf(Scope.LeaveAlone.class, decision);
        assertTrue(leave.reason().contains(text), leave.reason());
    }

    @Test
    void anImageWithALiveRowInTheTargetPoolWasCutOverAndOneOnlyOnTheSourceWasNot() {
        GlanceImage onNew = image("active", false, live("rbd://" + NEW + "/images/id-1/snap"));
        assertTrue(Scope.cutOver(onNew, SOURCE, NEW, "images"));
        assertTrue(Scope.cutOver(onNew, SOURCE, null, "images"), "target fsid unknown: any cluster but the source");
        assertEquals(false, Scope.cutOver(onNew, SOURCE, NEW, "other-pool"));
        assertEquals(false, Scope.cutOver(image("active", false, live(onOld("id-1"))), SOURCE, NEW, "images"));
        assertEquals(false, Scope.cutOver(image("deleted", true, live("rbd://" + NEW + "/images/id-1/snap")), SOURCE, NEW,
                "images"), "a deleted image left scope");
        assertEquals(false, Scope.cutOver(image("active", false,
                new GlanceImage.Location(1, "rbd://" + NEW + "/images/id-1/snap", true, "deleted")), SOURCE, NEW, "images"));
    }
}
