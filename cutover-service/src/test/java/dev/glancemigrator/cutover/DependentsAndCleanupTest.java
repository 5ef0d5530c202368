package dev.glancemigrator.cutover;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.cutover.support.FleetRoundTrip;
import dev.glancemigrator.cutover.support.GlanceFleetNodes;
import dev.glancemigrator.cutover.support.MigrationFixture;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.RbdCli;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One real cutover of a small migration carries every assertion about dependents and clean-up (a cutover
 * restarts both Glance nodes twice: one round trip is the cost of them all). A Nova disk and a Cinder volume,
 * clones of one image's source snapshot in two pools of {@code old}, are listed by the dependents and warned
 * about by the dry run; the cutover still completes; the clean-up plan keeps their parent with a reason; of what
 * is planted on {@code new} (a staging image, a manifest, a marked copy no Glance row references, an unmarked
 * unreferenced image, and the mark on an image Glance references) the plan lists and the apply removes exactly
 * the first three. Glance is shared: it is always left on {@code old}, and every planted image removed.
 */
@QuarkusTest
@Tag("stack")
class DependentsAndCleanupTest {

    private static final String STAGING_SUFFIX = ".glance-migrator-partial";
    private static final String MANIFEST_PREFIX = "glance-migrator.manifest.";

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + LocalStack.current().cutoverToken());
    }

    @Test
    void clonesOnTheSourceAreWarnedAndKeepTheirParentAndTheApplyRemovesExactlyTheMigratorsLeftovers() {
        try (MigrationFixture fixture = new MigrationFixture()) {
            LocalStack stack = fixture.stack;
            String pool = stack.pool();
            RbdCli old = RbdCli.admin(stack, LocalStack.Cluster.OLD);
            RbdCli target = RbdCli.admin(stack, LocalStack.Cluster.NEW);
            GlanceFleetNodes fleet = new GlanceFleetNodes(stack);
            Map<String, String> confsBefore = fleet.confTexts();
            List<String> clones = new ArrayList<>();
            List<String> planted = new ArrayList<>();
            String manifest = null;
            try {
                FleetRoundTrip.verifiedImages(fixture, "cleanup");
                List<String> ids = new ArrayList<>(fixture.images.keySet());
                String parent = ids.get(0);
                String disk = "vms/" + UUID.randomUUID() + "_disk";
                String volume = "volumes/volume-" + UUID.randomUUID();
                for (String clone : List.of(disk, volume)) {
                    old.check("clone", pool + "/" + parent + "@snap", clone);
                    clones.add(clone);
                }
                String path = "/migrations/" + fixture.migrationId;

                JsonPath dependents = api().get(path + "/dependents").then().statusCode(200)
                        .body("sourceCluster", equalTo("old")).body("imagesChecked", equalTo(3))
                        .body("imagesWithDependents", equalTo(1)).body("dependents", equalTo(2)).body("missing", equalTo(0))
                        .body("items.imageId", equalTo(List.of(parent)))
                        .body("items[0].source", equalTo(pool + "/" + parent + "@snap"))
                        .extract().jsonPath();
                assertEquals(Set.of(disk + " instance-disk false", volume + " volume false"), new HashSet<>(dependents.<String>getList(
                        "items[0].dependents.collect { it.pool + '/' + it.image + ' ' + it.kind + ' ' + it.inTrash }")));

                String detail = api().post(path + "/cutover?dryRun=true").then().statusCode(200)
                        .body("ready", equalTo(true)).body("blockers", hasSize(0))
                        .body("warnings.type", equalTo(List.of("dependents"))).body("warnings.imageId", equalTo(List.of(parent)))
                        .body("dependents.images", equalTo(1)).body("dependents.children", equalTo(2))
                        .extract().path("warnings[0].detail");
                assertTrue(detail.startsWith("2 clones on old depend on " + pool + "/" + parent + "@snap: "), detail);
                assertTrue(detail.contains(disk + " (instance-disk)") && detail.contains(volume + " (volume)"), detail);

                api().get(path + "/cleanup-plan").then().statusCode(409).body("detail", containsString("not cut over"));
                api().post(path + "/cleanup?only=target-leftovers").then().statusCode(409);
                api().post(path + "/cleanup").then().statusCode(400).body("detail", containsString("only=target-leftovers"));
                api().post(path + "/cleanup?only=everything").then().statusCode(400);

                api().post(path + "/cutover").then().statusCode(200).body("state", equalTo("completed"));

                String staging = UUID.randomUUID() + STAGING_SUFFIX;
                String copy = UUID.randomUUID().toString();
                String unmarked = UUID.randomUUID().toString();
                String referenced = ids.get(2);
                for (String image : List.of(staging, copy, unmarked)) {
                    target.check("create", "--size", "1M", pool + "/" + image);
                    planted.add(image);
                }
                for (String image : List.of(staging, copy, referenced)) {
                    target.check("image-meta", "set", pool + "/" + image, "glance-migrator.source",
                            "old:" + pool + "/" + image + "@snap (fsid " + fixture.sourceFsid + ")");
                    target.check("image-meta", "set", pool + "/" + image, "glance-migrator.migration", fixture.migrationId);
                }
                target.check("snap", "create", pool + "/" + copy + "@snap");
                target.check("snap", "protect", pool + "/" + copy + "@snap");
                manifest = MANIFEST_PREFIX + ids.get(1);
                rados(stack, "put", manifest, "/etc/hostname");

                JsonPath plan = api().get(path + "/cleanup-plan").then().statusCode(200)
                        .body("cutoverCompleted", equalTo(true))
                        .body("source.cluster", equalTo("old")).body("target.cluster", equalTo("new"))
                        .body("source.kept.imageId", equalTo(List.of(parent)))
                        .extract().jsonPath();
                assertEquals(Set.of(ids.get(1), ids.get(2)), new HashSet<>(plan.getList("source.removable.imageId")));
                String reasons = plan.getList("source.kept[0].reasons").toString();
                assertTrue(reasons.contains("2 clones on old depend on") && reasons.contains(disk), reasons);
                assertEquals(Set.of("staging-image " + staging, "manifest-object " + manifest, "unreferenced-copy " + copy),
                        new HashSet<>(plan.getList("target.leftovers.collect { it.kind + ' ' + it.name }")));
                List<String> commands = plan.getList("commands");
                assertTrue(commands.contains("rbd snap unprotect " + pool + "/" + ids.get(1) + "@snap"), commands.toString());
                assertTrue(commands.contains("rbd rm " + pool + "/" + ids.get(1)), commands.toString());
                assertTrue(commands.stream().noneMatch(c -> c.contains(parent)), commands.toString());
                assertEquals("glance-migrator cleanup --apply --only target-leftovers", commands.get(commands.size() - 1));

                JsonPath applied = api().post(path + "/cleanup?only=target-leftovers").then().statusCode(200)
                        .body("kept", hasSize(0)).extract().jsonPath();
                assertEquals(Set.of("staging-image " + staging, "manifest-object " + manifest, "unreferenced-copy " + copy),
                        new HashSet<>(applied.getList("removed.collect { it.kind + ' ' + it.name }")));
                assertNotEquals(0, target.run("info", pool + "/" + staging).exitCode(), "staging image removed");
                assertNotEquals(0, target.run("info", pool + "/" + copy).exitCode(), "unreferenced marked copy removed");
                assertNotEquals(0, rados(stack, "stat", manifest), "manifest removed");
                target.check("info", pool + "/" + unmarked);
                target.check("info", pool + "/" + referenced + "@snap");
                for (String id : ids) {
                    old.check("info", pool + "/" + id + "@snap"); // nothing on the source is ever removed
                }
                api().get(path + "/cleanup-plan").then().statusCode(200).body("target.leftovers", hasSize(0));

                api().post(path + "/rollback").then().statusCode(200).body("state", equalTo("rolled_back"));
                api().get(path + "/cleanup-plan").then().statusCode(409);
            } finally {
                clones.forEach(clone -> old.run("rm", clone));
                for (String image : planted) {
                    target.run("snap", "unprotect", pool + "/" + image + "@snap");
                    target.run("snap", "purge", pool + "/" + image);
                    target.run("rm", pool + "/" + image);
                }
                if (manifest != null) {
                    rados(stack, "rm", manifest);
                }
                fleet.ensureOnOld(confsBefore);
                fleet.removeBackups(fixture.migrationId);
            }
        }
    }

    /** The rados CLI as new's admin on the pool; its exit status. */
    private static int rados(LocalStack stack, String... args) {
        List<String> command = new ArrayList<>(List.of("rados", "--conf", stack.adminConf(LocalStack.Cluster.NEW).toString(),
                "--id", "admin", "-p", stack.pool()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("rados " + String.join(" ", args) + " did not finish");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
