package dev.glancemigrator.cutover.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.stack.StackFaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** The steps and checks of a cutover round trip over every Glance node, shared by the file and command switch tests. */
public final class FleetRoundTrip {

    /** Images in the fixture: the check's default sample (3) takes them all. */
    public static final int IMAGES = 3;

    private FleetRoundTrip() {
    }

    /** Uploads, copies to new and marks verified {@link #IMAGES} images of different sizes. */
    public static void verifiedImages(MigrationFixture fixture, String name) {
        for (int i = 0; i < IMAGES; i++) {
            String id = fixture.upload(name + "-" + i, 3001 + i * 1_000_003);
            fixture.copyToNew(id);
            fixture.inLedger(id, "verified");
        }
    }

    /**
     * With {@code osd} (the other cluster's only OSD) stopped, every image downloads through every node
     * with the bytes uploaded: each node reads the cluster that still runs. The OSD is started again
     * whatever happens.
     */
    public static void everyNodeServesEveryImageWithout(MigrationFixture fixture, GlanceFleetNodes fleet, String osd) {
        StackFaults faults = new StackFaults(fixture.stack);
        faults.stop(osd);
        try {
            for (GlanceFleetNodes.Node node : fleet.nodes()) {
                fixture.images.forEach((id, data) -> assertArrayEquals(data, fleet.download(node, id),
                        "download of " + id + " through " + node.name() + " with " + osd + " stopped"));
            }
        } finally {
            faults.start(osd);
        }
    }

    /** Each node's glance-api.conf names its own copy of new's client conf, owned and moded as the files Glance had. */
    public static void everyNodePointsAtItsOwnFilesOnNew(GlanceFleetNodes fleet) {
        for (GlanceFleetNodes.Node node : fleet.nodes()) {
            Path dir = node.cephDir("new");
            String conf = node.confText();
            assertTrue(conf.contains("rbd_store_ceph_conf = " + dir.resolve("ceph.conf")), node.name() + ": " + conf);
            assertTrue(conf.contains("rbd_store_pool = " + fleet.stack().pool()), conf);
            Path keyring = dir.resolve("ceph.client.glance.keyring");
            assertEquals("glance:glance rw-------", attributes(keyring), "keyring of " + node.name());
            assertEquals("glance:glance rw-r-----", attributes(dir.resolve("ceph.conf")), "ceph.conf of " + node.name());
            assertEquals("glance:glance rw-------", attributes(node.conf()), "glance-api.conf of " + node.name());
        }
    }

    public static void everyNodeHasItsConfigBack(GlanceFleetNodes fleet, Map<String, String> before) {
        assertEquals(before, fleet.confTexts(), "every glance-api.conf is its backup again");
        fleet.nodes().forEach(node -> assertEquals("glance:glance rw-------", attributes(node.conf())));
    }

    private static String attributes(Path file) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
            return attributes.owner().getName() + ":" + attributes.group().getName() + " "
                    + PosixFilePermissions.toString(attributes.permissions());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
