package dev.glancemigrator.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RbdLocationTest {

    private static final String FSID = "4c9d0f2b-2369-49dd-bb96-321d91babb6e";

    @Test
    void fourPartsAreFsidPoolImageAndSnapshot() {
        RbdLocation.Full full = assertInstanceOf(RbdLocation.Full.class,
                RbdLocation.parse("rbd://" + FSID + "/images/0ea06db9-6d8c-4802-bc74-f7bdbe9de460/snap"));
        assertEquals(new RbdLocation.Full(FSID, "images", "0ea06db9-6d8c-4802-bc74-f7bdbe9de460", "snap"), full);
        assertTrue(full.isOn(FSID.toUpperCase(), "images"), "fsids compare ignoring case");
    }

    @Test
    void partsArePercentDecodedAsUtf8AndPlusStaysPlus() {
        RbdLocation.Full full = assertInstanceOf(RbdLocation.Full.class,
                RbdLocation.parse("rbd://" + FSID + "/my%20pool/disque-syst%C3%A8me+%C3%BC/sn%2Fap"));
        assertEquals("my pool", full.pool());
        assertEquals("disque-système+ü", full.image());
        assertEquals("sn/ap", full.snapshot());
    }

    @Test
    void rawNonAsciiIsKept() {
        RbdLocation.Full full = assertInstanceOf(RbdLocation.Full.class,
                RbdLocation.parse("rbd://" + FSID + "/images/ünïcode-😀/snap"));
        assertEquals("ünïcode-😀", full.image());
    }

    @Test
    void oneRbdPartIsAnImageWithoutCluster() {
        assertEquals(new RbdLocation.ImageOnly("0ea06db9"), RbdLocation.parse("rbd://0ea06db9"));
    }

    @Test
    void otherShapesAndSchemesAreUnhandledWithAReason() {
        assertUnhandled("file:///var/lib/glance/images/abc", "file://");
        assertUnhandled("http://example.org/image.qcow2", "http://");
        assertUnhandled("swift+https://swift/v1/glance/abc", "swift+https://");
        assertUnhandled("rbd://" + FSID + "/images/abc", "3 parts");
        assertUnhandled("rbd://" + FSID + "/images/abc/snap/extra", "5 parts");
        assertUnhandled("rbd://" + FSID + "//abc/snap", "empty");
        assertUnhandled("rbd://" + FSID + "/images/abc%2/snap", "badly encoded");
        assertUnhandled("rbd://" + FSID + "/images/%C3%28/snap", "badly encoded");
        assertUnhandled("images/abc/snap", "not a URL");
        assertUnhandled("", "empty");
        assertUnhandled(null, "empty");
    }

    @Test
    void aLookalikeTextIsNotMistakenForTheSourceCluster() {
        // A loose text match on "rbd://<fsid>/images/" would take this one; parsing does not.
        RbdLocation parsed = RbdLocation.parse("rbd://" + FSID + "/images/abc/snap/" + FSID + "/images/x");
        assertInstanceOf(RbdLocation.Unhandled.class, parsed);
        RbdLocation.Full other = assertInstanceOf(RbdLocation.Full.class,
                RbdLocation.parse("rbd://" + FSID + "/images-ssd/abc/snap"));
        assertEquals(false, other.isOn(FSID, "images"));
    }

    private static void assertUnhandled(String url, String why) {
        RbdLocation.Unhandled unhandled = assertInstanceOf(RbdLocation.Unhandled.class, RbdLocation.parse(url));
        assertTrue(unhandled.why().contains(why), unhandled.why());
    }
}
