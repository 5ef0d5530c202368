package dev.glancemigrator.cutover.glance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.cutover.config.CutoverConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file switch on temporary files: the plan writes nothing; apply keeps the first backup; restore puts it back. */
class FileConfigSwitchTest {

    private static final String GLANCE_CONF = "[DEFAULT]\nenabled_backends = ceph:rbd\n\n[ceph]\nrbd_store_ceph_conf = /old/ceph.conf\n"
            + "rbd_store_user = glance\nrbd_store_pool = images\nrbd_store_chunk_size = 8\n";

    @TempDir
    Path dir;

    @Test
    void plansWritesAndRestores() throws Exception {
        Path glanceConf = dir.resolve("glance/glance-api.conf");
        Files.createDirectories(glanceConf.getParent());
        Files.writeString(glanceConf, GLANCE_CONF);
        Files.setPosixFilePermissions(glanceConf, PosixFilePermissions.fromString("rw-------"));
        Path client = dir.resolve("clients/new/glance");
        Files.createDirectories(client);
        Files.writeString(client.resolve("ceph.client.glance.keyring"), "[client.glance]\n\tkey = SECRET==\n");
        Files.writeString(client.resolve("ceph.conf"), "[global]\nfsid = f\nkeyring = " + client.resolve("ceph.client.glance.keyring") + "\n");
        FileConfigSwitch fileSwitch = new FileConfigSwitch(config(glanceConf));
        SwitchTarget target = new SwitchTarget("new", cluster(client.resolve("ceph.conf")), "images2");
        Path cephConf = glanceConf.getParent().resolve("ceph/new/ceph.conf");
        Path keyring = glanceConf.getParent().resolve("ceph/new/ceph.client.glance.keyring");

        ConfigSwitchPlan plan = fileSwitch.plan(target);
        assertFalse(Files.exists(cephConf), "a plan writes nothing");
        assertEquals("[global]\nfsid = f\nkeyring = " + keyring + "\n", plan.files().get(0).content());
        assertNull(plan.files().get(1).content(), "key material is never shown");
        assertEquals(Map.of("rbd_store_ceph_conf", cephConf.toString(), "rbd_store_user", "glance", "rbd_store_pool", "images2"),
                plan.edits().stream().collect(java.util.stream.Collectors.toMap(ConfigSwitchPlan.ConfEdit::key,
                        ConfigSwitchPlan.ConfEdit::newValue)));
        assertFalse(plan.toString().contains("SECRET"));

        ConfigBackup backup = fileSwitch.apply(target, "m-1");
        String switched = Files.readString(glanceConf);
        assertTrue(switched.contains("rbd_store_ceph_conf = " + cephConf + "\n"), switched);
        assertTrue(switched.contains("rbd_store_pool = images2\n"), switched);
        assertTrue(switched.contains("rbd_store_chunk_size = 8"), switched);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(glanceConf)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyring)));
        assertEquals(Files.readString(client.resolve("ceph.client.glance.keyring")), Files.readString(keyring));

        // Applied again in the same attempt (a re-run after a crash): the backup stays the original.
        fileSwitch.apply(target, "m-1");
        assertEquals(GLANCE_CONF, Files.readString(Path.of(backup.backups().get(glanceConf.toString()))));

        fileSwitch.restore(backup);
        assertEquals(GLANCE_CONF, Files.readString(glanceConf));
        try (var files = Files.list(glanceConf.getParent())) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temp file left");
        }
    }

    private static CutoverConfig config(Path glanceConf) {
        CutoverConfig.Glance glance = Stubs.of(CutoverConfig.Glance.class, Map.of("conf", Optional.of(glanceConf), "store", "ceph",
                "cephDir", Optional.empty(), "restartCommand", "true"));
        return Stubs.of(CutoverConfig.class, Map.of("glance", glance));
    }

    private static CutoverConfig.Cluster cluster(Path glanceConf) {
        return Stubs.of(CutoverConfig.Cluster.class, Map.of("glanceConf", glanceConf, "glanceUser", "glance"));
    }
}
