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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command switch with real scripts: what it runs, what the script sees, what comes back for the rollback. */
class CommandConfigSwitchTest {

    @TempDir
    Path dir;

    private SwitchTarget target;
    private Path keyring;

    @BeforeEach
    void clientFiles() throws Exception {
        Path client = Files.createDirectories(dir.resolve("clients/new/glance"));
        keyring = client.resolve("glance.keyring");
        Files.writeString(keyring, "[client.glance]\n\tkey = SECRET==\n");
        Files.writeString(client.resolve("ceph.conf"), "[global]\nfsid = f\nkeyring = glance.keyring\n");
        target = new SwitchTarget("new", Stubs.of(CutoverConfig.Cluster.class, Map.of("glanceConf", client.resolve("ceph.conf"),
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
        CommandConfigSwitch commandSwitch = new CommandConfigSwitch(config(command, Duration.ofMinutes(1)));

        ConfigBackup backup = commandSwitch.apply(target, "m-1");
        assertEquals("command", backup.kind());
        assertEquals("m-1", backup.tag());
        assertEquals(Map.of("revision", "7", "values_file", "/tmp/values with spaces.yaml"), backup.backups());
        List<String> applied = Files.readAllLines(calls);
        assertEquals("apply apply m-1", applied.get(0));
        assertTrue(applied.containsAll(List.of("CUTOVER_TARGET_CLUSTER=new", "CUTOVER_TARGET_POOL=images2",
                "CUTOVER_TARGET_USER=glance", "CUTOVER_TARGET_FSID=9ec7b852-5f93-4476-811a-fd1e315103d4",
                "CUTOVER_TARGET_CEPH_CONF=" + dir.resolve("clients/new/glance/ceph.conf"),
                "CUTOVER_TARGET_KEYRING=" + keyring, "CUTOVER_GLANCE_STORE=ceph")), applied.toString());
        assertFalse(applied.toString().contains("SECRET"), "no key material in the environment");

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
        CommandConfigSwitch commandSwitch = new CommandConfigSwitch(config(script("touch " + ran), Duration.ofMinutes(1)));

        ConfigSwitchPlan plan = commandSwitch.plan(target);
        assertEquals("command", plan.kind());
        assertEquals("apply", plan.command().argv().get(1));
        assertEquals("images2", plan.command().environment().get("CUTOVER_TARGET_POOL"));
        assertEquals(keyring.toString(), plan.command().environment().get("CUTOVER_TARGET_KEYRING"));
        assertFalse(Files.exists(ran), "a plan runs nothing");
    }

    @Test
    void aFailingCommandFailsTheSwitch() throws Exception {
        CommandConfigSwitch commandSwitch = new CommandConfigSwitch(config(script("echo 'helm: release not found' >&2; exit 3"),
                Duration.ofMinutes(1)));
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> commandSwitch.apply(target, "m-1"));
        assertTrue(failed.getMessage().contains("exited 3"), failed.getMessage());
    }

    @Test
    void aCommandThatDoesNotEndIsKilledAtTheTimeout() throws Exception {
        Path child = dir.resolve("child.pid");
        CommandConfigSwitch commandSwitch = new CommandConfigSwitch(config(script("sleep 300 & echo $! > " + child + "; wait"),
                Duration.ofSeconds(1)));
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
                () -> new CommandConfigSwitch(config(notExecutable, Duration.ofMinutes(1))).check());
        CutoverConfig.Glance none = Stubs.of(CutoverConfig.Glance.class, Map.of("switchCommand", Optional.empty()));
        assertThrows(IllegalStateException.class,
                () -> new CommandConfigSwitch(Stubs.of(CutoverConfig.class, Map.of("glance", none))).check());
    }

    private Path script(String body) throws Exception {
        Path script = dir.resolve("switch-" + System.nanoTime() + ".sh");
        Files.writeString(script, "#!/bin/sh\nset -e\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static CutoverConfig config(Path command, Duration timeout) {
        CutoverConfig.Glance glance = Stubs.of(CutoverConfig.Glance.class, Map.of("switchCommand", Optional.of(command),
                "switchTimeout", timeout, "store", "ceph", "restartCommand", "true"));
        return Stubs.of(CutoverConfig.class, Map.of("glance", glance));
    }
}
