package dev.glancemigrator.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example overlay's switch script (glance-switch.sh) against a stand-in kubectl that keeps the
 * glance-api Deployment's state in files (fake-kubectl.sh): the cutover's `command` switch contract —
 * backups reported, the same tag re-run reports the state from before its first run, a failed apply
 * undoes itself, restore puts back what apply reported.
 */
class GlanceSwitchScriptTest {

    private static final String SCRIPT = "deploy/kubernetes/overlays/example/glance-switch.sh";
    private static final String TARGET_FSID = "c47e91d8-0b26-4f5a-8e3d-71a9c6f2b508";
    private static final String TAG = "0f6d2c1e-7a4b-4c39-9d2e-5b8a1f3c6e70-1";
    private static final long TIMEOUT_SECONDS = 30;

    @TempDir
    Path dir;
    private Path state;
    private Path bin;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void glanceMountsTheChartsDefaults() throws IOException {
        state = Files.createDirectories(dir.resolve("state"));
        bin = Files.createDirectories(dir.resolve("bin"));
        try (InputStream fake = getClass().getResourceAsStream("fake-kubectl.sh")) {
            Files.copy(fake, bin.resolve("kubectl"));
        }
        Files.setPosixFilePermissions(bin.resolve("kubectl"), PosixFilePermissions.fromString("rwxr-xr-x"));
        write("configmap", "ceph-etc");
        write("secret", "images-rbd-keyring");
        write("configmap-glance-ceph-new", "[global]\nfsid = " + TARGET_FSID + "\nmon_host = 10.30.0.21\n");
    }

    @Test
    void applyPointsGlanceAtTheTargetsConfigMapAndSecretAndReportsWhatItMountedBefore() throws Exception {
        Run run = run(apply(), "apply");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("backup.ceph_configmap=ceph-etc", "backup.rbd_secret=images-rbd-keyring"), backups(run));
        assertEquals(List.of("glance-ceph-new", "glance-ceph-new-keyring"), mounted());
        List<String> calls = calls();
        assertTrue(calls.indexOf(call(calls, "patch deployment glance-api")) < calls.indexOf(call(calls, "rollout status")),
                "waits for the rollout after patching: " + calls);
    }

    @Test
    void aRerunOfTheSameSwitchReportsTheStateFromBeforeItsFirstRun() throws Exception {
        assertEquals(0, run(apply(), "apply").exit());
        Run again = run(apply(), "apply");
        assertEquals(0, again.exit(), again.err());
        assertEquals(List.of("backup.ceph_configmap=ceph-etc", "backup.rbd_secret=images-rbd-keyring"), backups(again));
        assertEquals(List.of("glance-ceph-new", "glance-ceph-new-keyring"), mounted());
    }

    @Test
    void restorePointsGlanceBackAtWhatApplyReported() throws Exception {
        assertEquals(0, run(apply(), "apply").exit());
        Map<String, String> restore = Map.of("CUTOVER_ACTION", "restore", "CUTOVER_TAG", TAG,
                "CUTOVER_BACKUP_CEPH_CONFIGMAP", "ceph-etc", "CUTOVER_BACKUP_RBD_SECRET", "images-rbd-keyring");
        Run run = run(restore, "restore");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("ceph-etc", "images-rbd-keyring"), mounted());
        assertFalse(Files.exists(state.resolve("annotation")), "the switch's record stays on the Deployment");
    }

    @Test
    void aRolloutThatDoesNotCompletePutsGlanceBackAndFails() throws Exception {
        write("rollout-fails", "");
        Run run = run(apply(), "apply");
        assertNotEquals(0, run.exit());
        assertEquals(List.of("ceph-etc", "images-rbd-keyring"), mounted());
        assertTrue(run.err().contains("did not complete"), run.err());
    }

    @Test
    void aConfigMapForAnotherClusterIsRefusedBeforeAnythingChanges() throws Exception {
        write("configmap-glance-ceph-new", "[global]\nfsid = 8a1f0c52-5d3e-4b7a-9c61-2e4f7d0b9a13\n");
        Run run = run(apply(), "apply");
        assertNotEquals(0, run.exit());
        assertTrue(run.err().contains(TARGET_FSID), run.err());
        assertEquals(List.of("ceph-etc", "images-rbd-keyring"), mounted());
        assertTrue(calls().stream().noneMatch(call -> call.contains("patch")), "patched anyway: " + calls());
    }

    @Test
    void aTargetPoolOtherThanGlancesIsRefused() throws Exception {
        Map<String, String> environment = new HashMap<>(apply());
        environment.put("CUTOVER_TARGET_POOL", "images-new");
        Run run = run(environment, "apply");
        assertNotEquals(0, run.exit());
        assertTrue(run.err().contains("rbd_store_pool"), run.err());
        assertTrue(calls().stream().noneMatch(call -> call.contains("patch")), "patched anyway: " + calls());
    }

    // ---------------------------------------------------------------------------------------------

    /** What the cutover passes to `apply` (CommandConfigSwitch), plus the pool from glance-migrator-env. */
    private static Map<String, String> apply() {
        return Map.of("CUTOVER_ACTION", "apply", "CUTOVER_TAG", TAG, "CUTOVER_TARGET_CLUSTER", "new",
                "CUTOVER_TARGET_FSID", TARGET_FSID, "CUTOVER_TARGET_POOL", "glance.images", "CUTOVER_TARGET_USER", "glance",
                "GM_POOL", "glance.images");
    }

    private Run run(Map<String, String> environment, String action) throws IOException, InterruptedException {
        Path script = Repository.locate().resolve(SCRIPT);
        ProcessBuilder builder = new ProcessBuilder(script.toString(), action)
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        builder.environment().putAll(environment);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_STATE", state.toString());
        builder.environment().put("TMPDIR", dir.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(SCRIPT + " did not finish");
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }

    private static List<String> backups(Run run) {
        return run.out().lines().filter(line -> line.startsWith("backup.")).toList();
    }

    private List<String> mounted() throws IOException {
        return List.of(Files.readString(state.resolve("configmap")).strip(), Files.readString(state.resolve("secret")).strip());
    }

    private List<String> calls() throws IOException {
        Path calls = state.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private static String call(List<String> calls, String fragment) {
        return calls.stream().filter(call -> call.contains(fragment)).findFirst()
                .orElseThrow(() -> new AssertionError("no call with '" + fragment + "' in " + calls));
    }

    private void write(String file, String content) throws IOException {
        Files.writeString(state.resolve(file), content, StandardCharsets.UTF_8);
    }
}
