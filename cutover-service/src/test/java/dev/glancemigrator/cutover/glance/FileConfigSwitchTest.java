package dev.glancemigrator.cutover.glance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.cutover.config.CutoverConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file switch on temporary files, for a fleet of two nodes: the plan writes nothing; apply switches
 * every node's glance-api.conf and keeps the first backup; restore puts each back; written files take
 * the owner, group and mode of the files they sit beside.
 */
class FileConfigSwitchTest {

    private static final String GLANCE_CONF = "[DEFAULT]\nenabled_backends = ceph:rbd\n\n[ceph]\nrbd_store_ceph_conf = %s\n"
            + "rbd_store_user = glance\nrbd_store_pool = images\nrbd_store_chunk_size = 8\n";
    private static final List<String> NODES = List.of("api-1", "api-2");

    @TempDir
    Path dir;

    private Path client;
    private SwitchTarget target;

    @BeforeEach
    void targetClientFiles() throws Exception {
        client = Files.createDirectories(dir.resolve("clients/new/glance"));
        Files.writeString(client.resolve("ceph.client.glance.keyring"), "[client.glance]\n\tkey = SECRET==\n");
        Files.writeString(client.resolve("ceph.conf"), "[global]\nfsid = f\nkeyring = " + client.resolve("ceph.client.glance.keyring") + "\n");
        target = new SwitchTarget("new", Stubs.of(CutoverConfig.Cluster.class, Map.of("glanceConf", Optional.of(client.resolve("ceph.conf")),
                "glanceUser", "glance")), "images2");
    }

    @Test
    void switchesEveryNodeKeepingTheFirstBackupAndRestoresEach() throws Exception {
        Map<String, String> originals = new LinkedHashMap<>();
        for (String node : NODES) {
            Path conf = glanceConf(node, "/old/" + node + "/ceph.conf");
            originals.put(node, Files.readString(conf));
        }
        FileConfigSwitch fileSwitch = new FileConfigSwitch(config(), fleet());

        ConfigSwitchPlan plan = fileSwitch.plan(target);
        for (String node : NODES) {
            assertFalse(Files.exists(cephDir(node).resolve("new/ceph.conf")), "a plan writes nothing");
        }
        assertEquals(List.of("api-1", "api-1", "api-2", "api-2"), plan.files().stream().map(ConfigSwitchPlan.FileWrite::node).toList());
        assertEquals("[global]\nfsid = f\nkeyring = " + cephDir("api-1").resolve("new/ceph.client.glance.keyring") + "\n",
                plan.files().get(0).content());
        assertNull(plan.files().get(1).content(), "key material is never shown");
        assertEquals(Map.of("rbd_store_ceph_conf", cephDir("api-2").resolve("new/ceph.conf").toString(), "rbd_store_user", "glance",
                "rbd_store_pool", "images2"), plan.edits().stream().filter(e -> e.node().equals("api-2"))
                        .collect(Collectors.toMap(ConfigSwitchPlan.ConfEdit::key, ConfigSwitchPlan.ConfEdit::newValue)));
        assertEquals(List.of("restart api-1", "restart api-2"),
                plan.rollout().stream().map(ConfigSwitchPlan.NodeRollout::restartCommand).toList());
        assertFalse(plan.toString().contains("SECRET"));

        ConfigBackup backup = fileSwitch.apply(target, "m-1");
        for (String node : NODES) {
            Path conf = dir.resolve(node + "/glance-api.conf");
            String switched = Files.readString(conf);
            assertTrue(switched.contains("rbd_store_ceph_conf = " + cephDir(node).resolve("new/ceph.conf") + "\n"), switched);
            assertTrue(switched.contains("rbd_store_pool = images2\n"), switched);
            assertTrue(switched.contains("rbd_store_chunk_size = 8"), switched);
            assertEquals("rw-------", mode(conf), "glance-api.conf keeps its mode");
            assertEquals(Files.readString(client.resolve("ceph.client.glance.keyring")),
                    Files.readString(cephDir(node).resolve("new/ceph.client.glance.keyring")));
        }

        // Applied again in the same attempt (a re-run after a crash): each backup stays the original.
        fileSwitch.apply(target, "m-1");
        for (String node : NODES) {
            assertEquals(originals.get(node), Files.readString(Path.of(backup.backups().get(dir.resolve(node + "/glance-api.conf").toString()))));
        }

        fileSwitch.restore(backup);
        for (String node : NODES) {
            assertEquals(originals.get(node), Files.readString(dir.resolve(node + "/glance-api.conf")));
            try (var files = Files.list(dir.resolve(node))) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temp file left");
            }
        }
    }

    @Test
    void aNodeThatCannotBeWrittenPutsBackTheNodesSwitchedBeforeIt() throws Exception {
        Path first = glanceConf("api-1", "/old/api-1/ceph.conf");
        String original = Files.readString(first);
        // api-2's glance-api.conf is not there: its switch fails after api-1's succeeded.
        FileConfigSwitch fileSwitch = new FileConfigSwitch(config(), fleet());

        RuntimeException failed = assertThrows(RuntimeException.class,
                () -> fileSwitch.apply(target, "m-1"));
        assertTrue(failed.getMessage().contains("api-2"), failed.getMessage());
        assertEquals(original, Files.readString(first), "api-1 is back on its original config");
    }

    @Test
    void theKeyringAndConfTakeTheOwnerGroupAndModeOfTheFilesTheySitBeside() throws Exception {
        // Glance's current client files in its ceph/ dir, with modes other than the switch's own defaults
        // (conf 0640, keyring 0600): a group-readable keyring, a world-readable conf, a 0750 directory.
        Path current = Files.createDirectories(cephDir("api-1").resolve("old"));
        Path currentKeyring = Files.writeString(current.resolve("ceph.client.glance.keyring"), "[client.glance]\n\tkey = OLD==\n");
        Path currentConf = Files.writeString(current.resolve("ceph.conf"), "[global]\nkeyring = " + currentKeyring + "\n");
        Files.setPosixFilePermissions(currentKeyring, PosixFilePermissions.fromString("rw-r-----"));
        Files.setPosixFilePermissions(currentConf, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(cephDir("api-1"), PosixFilePermissions.fromString("rwxr-x---"));
        glanceConf("api-1", currentConf.toString());
        glanceConf("api-2", "/elsewhere/ceph.conf");

        new FileConfigSwitch(config(), fleet()).apply(target, "m-1");

        Path written = cephDir("api-1").resolve("new");
        assertEquals("rw-r-----", mode(written.resolve("ceph.client.glance.keyring")), "the keyring takes the current keyring's mode");
        assertEquals("rw-r--r--", mode(written.resolve("ceph.conf")), "the conf takes the current conf's mode");
        assertEquals("rwxr-x---", mode(written), "a new directory takes its parent's mode");
        for (Path file : List.of(written, written.resolve("ceph.conf"), written.resolve("ceph.client.glance.keyring"))) {
            assertEquals(owner(currentKeyring), owner(file), file + " is owned as the files beside it");
        }
        // api-2's current conf is not in its ceph/ dir: its files take its glance-api.conf's owner and group,
        // and the switch's own modes, never root's defaults.
        Path other = cephDir("api-2").resolve("new");
        assertEquals("rw-------", mode(other.resolve("ceph.client.glance.keyring")));
        assertEquals("rw-r-----", mode(other.resolve("ceph.conf")));
        assertEquals(owner(dir.resolve("api-2/glance-api.conf")), owner(other.resolve("ceph.conf")));
    }

    private Path glanceConf(String node, String cephConf) throws Exception {
        Path conf = Files.createDirectories(dir.resolve(node)).resolve("glance-api.conf");
        Files.writeString(conf, GLANCE_CONF.formatted(cephConf));
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        return conf;
    }

    private Path cephDir(String node) {
        return dir.resolve(node).resolve("ceph");
    }

    private GlanceFleet fleet() {
        Map<String, CutoverConfig.Node> nodes = new LinkedHashMap<>();
        for (String node : NODES) {
            nodes.put(node, Stubs.of(CutoverConfig.Node.class, Map.of("url", URI.create("http://127.0.0.1:1/" + node),
                    "conf", Optional.of(dir.resolve(node + "/glance-api.conf")), "restartCommand", Optional.of("restart " + node),
                    "cephDir", Optional.empty())));
        }
        return new GlanceFleet(nodes);
    }

    /** The switch reads only the store's name from the config. */
    static CutoverConfig config() {
        return Stubs.of(CutoverConfig.class, Map.of("glance", Stubs.of(CutoverConfig.Glance.class, Map.of("store", "ceph"))));
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static String owner(Path file) throws Exception {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
        return attributes.owner().getName() + ":" + attributes.group().getName();
    }
}
