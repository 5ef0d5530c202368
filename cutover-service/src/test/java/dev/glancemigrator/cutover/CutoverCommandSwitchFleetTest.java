package dev.glancemigrator.cutover;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.cutover.support.FleetRoundTrip;
import dev.glancemigrator.cutover.support.GlanceFleetNodes;
import dev.glancemigrator.cutover.support.MigrationFixture;
import dev.glancemigrator.stack.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The {@code command} switch running the real deploy/local/glance-switch.sh over both Glance nodes, as
 * an operator's Helm or kolla command would: it writes each node's Ceph files (owned by glance), edits
 * each glance-api.conf and restarts each node; the service then waits for every node and checks the
 * sample through each. With the old cluster's OSD stopped every image downloads through every node;
 * the rollback runs the script's restore, and with the new cluster's OSD stopped every image downloads
 * from old again. Each run of the script is in the journal with its exit status and output, without
 * the key.
 */
@QuarkusTest
@TestProfile(CutoverCommandSwitchFleetTest.LocalScript.class)
@Tag("stack")
class CutoverCommandSwitchFleetTest {

    /** The service configured with the command switch: the stack's script behind a wrapper naming its stack.env. */
    public static class LocalScript implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cutover.glance.switch-kind", "command", "cutover.glance.switch-command", wrapper().toString());
        }
    }

    private static final Pattern KEY = Pattern.compile("(?m)^\\s*key\\s*=\\s*(\\S+)");

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + LocalStack.current().cutoverToken());
    }

    @Test
    void theOperatorsScriptSwitchesEveryNodeToNewAndRestoresEveryNodeToOld() throws Exception {
        try (MigrationFixture fixture = new MigrationFixture()) {
            GlanceFleetNodes fleet = new GlanceFleetNodes(fixture.stack);
            Map<String, String> confsBefore = fleet.confTexts();
            try {
                FleetRoundTrip.verifiedImages(fixture, "command-switch");

                api().post("/migrations/" + fixture.migrationId + "/cutover").then().statusCode(200)
                        .body("state", equalTo("completed")).body("locationRows", equalTo(FleetRoundTrip.IMAGES));
                FleetRoundTrip.everyNodePointsAtItsOwnFilesOnNew(fleet);
                FleetRoundTrip.everyNodeServesEveryImageWithout(fixture, fleet, "ceph-old-osd");

                api().post("/migrations/" + fixture.migrationId + "/rollback").then().statusCode(200)
                        .body("state", equalTo("rolled_back"));
                FleetRoundTrip.everyNodeHasItsConfigBack(fleet, confsBefore);
                FleetRoundTrip.everyNodeServesEveryImageWithout(fixture, fleet, "ceph-new-osd");

                // As the operator reads them: the cutover status lists every run of the script.
                String status = api().get("/migrations/" + fixture.migrationId + "/cutover").then().statusCode(200)
                        .extract().asString();
                List<Map<String, Object>> runs = JsonPath.from(status).getList("switchCommands");
                assertEquals(List.of("apply", "restore"), runs.stream().map(run -> run.get("action")).toList(), status);
                runs.forEach(run -> assertEquals(0, ((Number) run.get("exitCode")).intValue(), run.toString()));
                String applied = (String) runs.get(0).get("outputTail");
                for (GlanceFleetNodes.Node node : fleet.nodes()) {
                    assertTrue(applied.contains(node.name() + ": on new"), applied);
                    assertTrue(((String) runs.get(1).get("outputTail")).contains(node.name() + ": config restored"),
                            runs.get(1).toString());
                }
                assertFalse(status.contains(newGlanceKey(fixture.stack)), "the key is in no kept output");
            } finally {
                fleet.ensureOnOld(confsBefore);
                fleet.removeBackups(fixture.migrationId);
            }
        }
    }

    /** The key of Glance's user on new, which must never reach the journal. */
    private static String newGlanceKey(LocalStack stack) throws IOException {
        Path conf = Path.of(stack.get("GM_CEPH_NEW_GLANCE_CONF"));
        Matcher keyringLine = Pattern.compile("(?m)^\\s*keyring\\s*=\\s*(\\S+)").matcher(Files.readString(conf));
        Path keyring = keyringLine.find() ? conf.getParent().resolve(keyringLine.group(1))
                : conf.resolveSibling("ceph.client.glance.keyring");
        Matcher key = KEY.matcher(Files.readString(keyring));
        assertTrue(key.find(), "a key in " + keyring);
        return key.group(1);
    }

    /** target/glance-switch-local.sh: runs deploy/local/glance-switch.sh with this stack's stack.env. */
    static Path wrapper() {
        Path script = Path.of("../deploy/local/glance-switch.sh").toAbsolutePath().normalize();
        Path wrapper = Path.of("target/glance-switch-local.sh").toAbsolutePath();
        try {
            Files.createDirectories(wrapper.getParent());
            Files.writeString(wrapper, "#!/bin/sh\nGM_STACK_ENV='" + LocalStack.location() + "' exec '" + script + "' \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return wrapper;
    }
}
