package dev.glancemigrator.cutover.glance;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.cutover.config.CutoverConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command switch with real scripts: what it runs, what the script sees, what comes back for the rollback. */
class CommandConfigSwitchTest {

    /** A cephx key as Ceph makes them (this one is made up). */
    private static final String KEY = "AQBvXqZmAAAAABAAk8Cz9TQ3Ls2TFoUR8wL7nA==";

    @TempDir
    Path dir;

    private final List<String> runs = new ArrayList<>();

    private SwitchTarget target;
    private Path keyring;

    @BeforeEach
    void clientFiles() throws Exception {
        Path client = Files.createDirectories(dir.resolve("clients/new/glance"));
        keyring = client.resolve("glance.keyring");
        Files.writeString(keyring, "[client.glance]\n\tkey = " + KEY + "\n");
        Files.writeString(client.resolve("ceph.conf"), "[global]\nfsid = f\nmon_host = [v2:127.0.0.1:23300,v1:127.0.0.1:26789]\n"
                + "keyring = glance.keyring\n");
        target = new SwitchTarget("new", Stubs.of(CutoverConfig.Cluster.class, Map.of("glanceConf", Optional.of(client.resolve("ceph.conf")),
                "glanceUser", "glance", "fsid", "9ec7b852-5f93-4476-811a-fd1e315103d4")), "images2");
    }

    @Test
    void applyGivesTheTargetAndKeepsTheBackupLinesThatRestoreGetsBack() throws Exception {
        Path calls = dir.resolve("calls");
        Path command = script("""
                echo "$1 $CUTOVER_ACTION $CUTOVER_TAG" >> %1$s
                env | grep '^CUTOVER_' | sort >> %1$s
                if [ "$1" = apply ]; then
                  echo "upgrading glance"
                  echo "backup.revision=7"
                  echo "backup.values_file=/tmp/values with spaces.yaml"
                  echo "backup.not-a-name=x"
                fi
                """.formatted(calls));
        CommandConfigSwitch commandSwitch = commandSwitch(command, Duration.ofMinutes(1));

        ConfigBackup backup = commandSwitch.apply(target, "m-1");
        assertEquals("command", backup.kind());
        assertEquals("m-1", backup.tag());
        assertEquals(Map.of("revision", "7", "values_file", "/tmp/values with spaces.yaml"), backup.backups());
        List<String> applied = Files.readAllLines(calls);
        assertEquals("apply apply m-1", applied.get(0));
        assertTrue(applied.containsAll(List.of("CUTOVER_TARGET_CLUSTER=new", "CUTOVER_TARGET_POOL=images2",
                "CUTOVER_TARGET_USER=glance", "CUTOVER_TARGET_FSID=9ec7b852-5f93-4476-811a-fd1e315103d4",
                "CUTOVER_TARGET_CEPH_CONF=" + dir.resolve("clients/new/glance/ceph.conf"),
                "CUTOVER_TARGET_KEYRING=" + keyring, "CUTOVER_GLANCE_STORE=ceph",
                "CUTOVER_TARGET_MON_HOST=[v2:127.0.0.1:23300,v1:127.0.0.1:26789]", "CUTOVER_GLANCE_NODES=api-1 api-2")),
                applied.toString());
        assertFalse(applied.toString().contains(KEY), "no key material in the environment");

        Files.delete(calls);
        commandSwitch.restore(backup);
        List<String> restored = Files.readAllLines(calls);
        assertEquals("restore restore m-1", restored.get(0));
        assertTrue(restored.containsAll(List.of("CUTOVER_BACKUP_REVISION=7",
                "CUTOVER_BACKUP_VALUES_FILE=/tmp/values with spaces.yaml")), restored.toString());
        assertFalse(restored.stream().anyMatch(line -> line.startsWith("CUTOVER_TARGET_")), restored.toString());
    }

    @Test
    void thePlanShowsTheCommandAndItsEnvironmentAndRunsNothing() throws Exception {
        Path ran = dir.resolve("ran");
        CommandConfigSwitch commandSwitch = commandSwitch(script("touch " + ran), Duration.ofMinutes(1));

        ConfigSwitchPlan plan = commandSwitch.plan(target);
        assertEquals("command", plan.kind());
        assertEquals("apply", plan.command().argv().get(1));
        assertEquals("images2", plan.command().environment().get("CUTOVER_TARGET_POOL"));
        assertEquals(keyring.toString(), plan.command().environment().get("CUTOVER_TARGET_KEYRING"));
        assertFalse(Files.exists(ran), "a plan runs nothing");
    }

    @Test
    void aCommandThatReportsAKeyAsItsBackupIsRefusedAndTheKeyIsNotRepeated() throws Exception {
        CommandConfigSwitch commandSwitch = commandSwitch(script("echo \"backup.secret=" + KEY + "\""), Duration.ofMinutes(1));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> commandSwitch.apply(target, "m-1"));
        assertTrue(refused.getMessage().contains("'secret'"), refused.getMessage());
        assertFalse(refused.getMessage().contains(KEY), refused.getMessage());
    }

    @Test
    void aFailingCommandFailsTheSwitch() throws Exception {
        CommandConfigSwitch commandSwitch = commandSwitch(script("echo 'helm: release not found' >&2; exit 3"),
                Duration.ofMinutes(1));
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> commandSwitch.apply(target, "m-1"));
        assertTrue(failed.getMessage().contains("exited 3"), failed.getMessage());
    }

    @Test
    void aCommandThatDoesNotEndIsKilledAtTheTimeout() throws Exception {
        Path child = dir.resolve("child.pid");
        CommandConfigSwitch commandSwitch = commandSwitch(script("sleep 300 & echo $! > " + child + "; wait"),
                Duration.ofSeconds(1));
        Instant start = Instant.now();
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> commandSwitch.apply(target, "m-1"));
        assertTrue(failed.getMessage().contains("did not finish"), failed.getMessage());
        assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0);
        long pid = Long.parseLong(Files.readString(child).strip());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void refusedAtStartUpWithoutAnExecutable() throws Exception {
        Path notExecutable = Files.writeString(dir.resolve("switch.sh"), "true\n");
        assertThrows(IllegalStateException.class,
                () -> commandSwitch(notExecutable, Duration.ofMinutes(1)).check());
        CutoverConfig.Glance none = Stubs.of(CutoverConfig.Glance.class, Map.of("switchCommand", Optional.empty()));
        assertThrows(IllegalStateException.class,
                () -> new CommandConfigSwitch(Stubs.of(CutoverConfig.class, Map.of("glance", none)), fleet(), this::record).check());
    }

    private Path script(String body) throws Exception {
        Path script = dir.resolve("switch-" + System.nanoTime() + ".sh");
        Files.writeString(script, "#!/bin/sh\nset -e\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void eachRunIsKeptWithItsExitAndTheEndOfItsOutputWithoutTheKey() throws Exception {
        Path command = script("""
                if [ "$1" = apply ]; then
                  echo "reading $CUTOVER_TARGET_KEYRING"
                  cat "$CUTOVER_TARGET_KEYRING"
                  echo "secret data: $(sed -n 's/.*key = //p' "$CUTOVER_TARGET_KEYRING")" >&2
                else
                  echo 'helm: rollback failed' >&2
                  exit 4
                fi
                """);
        CommandConfigSwitch commandSwitch = commandSwitch(command, Duration.ofMinutes(1));

        ConfigBackup backup = commandSwitch.apply(target, "9ec7b852-5f93-4476-811a-fd1e315103d4-2");
        assertThrows(IllegalStateException.class, () -> commandSwitch.restore(backup));

        assertEquals(2, runs.size(), runs.toString());
        assertTrue(runs.get(0).startsWith("9ec7b852-5f93-4476-811a-fd1e315103d4-2 apply 0 "), runs.get(0));
        assertTrue(runs.get(0).contains("reading " + keyring), runs.get(0));
        assertTrue(runs.get(0).contains("key = <redacted>") && runs.get(0).contains("secret data: <redacted>"), runs.get(0));
        assertTrue(runs.get(1).startsWith("9ec7b852-5f93-4476-811a-fd1e315103d4-2 restore 4 "), runs.get(1));
        assertTrue(runs.get(1).contains("helm: rollback failed"), runs.get(1));
        assertFalse(runs.toString().contains(KEY), "the key is in no kept output");
    }

    @Test
    void aRunKilledAtTheTimeoutIsKeptWithoutAnExitStatus() throws Exception {
        CommandConfigSwitch commandSwitch = commandSwitch(script("sleep 300"), Duration.ofMillis(500));
        assertThrows(IllegalStateException.class, () -> commandSwitch.apply(target, "m-1"));
        assertEquals(1, runs.size());
        assertTrue(runs.get(0).startsWith("m-1 apply null "), runs.get(0));
        assertTrue(runs.get(0).contains("did not finish"), runs.get(0));
    }

    private void record(String tag, String action, Integer exitCode, String outputTail, Instant started, Instant ended) {
        assertFalse(ended.isBefore(started));
        runs.add(tag + " " + action + " " + exitCode + " " + outputTail);
    }

    private CommandConfigSwitch commandSwitch(Path command, Duration timeout) {
        return new CommandConfigSwitch(config(command, timeout), fleet(), this::record);
    }

    private static GlanceFleet fleet() {
        Map<String, CutoverConfig.Node> nodes = new LinkedHashMap<>();
        for (String node : List.of("api-2", "api-1")) {
            nodes.put(node, Stubs.of(CutoverConfig.Node.class, Map.of("url", URI.create("http://127.0.0.1:1/" + node),
                    "conf", Optional.empty(), "restartCommand", Optional.empty(), "cephDir", Optional.empty())));
        }
        return new GlanceFleet(nodes);
    }

    private static CutoverConfig config(Path command, Duration timeout) {
        CutoverConfig.Glance glance = Stubs.of(CutoverConfig.Glance.class, Map.of("switchCommand", Optional.of(command),
                "switchTimeout", timeout, "store", "ceph", "restartCommand", "true"));
        return Stubs.of(CutoverConfig.class, Map.of("glance", glance));
    }
}
