package dev.glancemigrator.cutover.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.RbdCli;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The dependents and the clean-up, checked on a round trip's migration (a cutover restarts every Glance node
 * twice: the checks ride on one that runs anyway). A Nova disk and a Cinder volume are cloned from the first
 * image's source snapshot into {@code vms} and {@code volumes} on {@code old}; once cut over, a staging image, a
 * manifest, a marked copy no Glance row references and an unmarked unreferenced image are planted on {@code new},
 * and the mark is put on the third image's copy, which Glance references. {@link #close()} removes all of it.
 */
public final class CleanupScenario implements AutoCloseable {

    private static final String STAGING_SUFFIX = ".glance-migrator-partial";
    private static final String MANIFEST_PREFIX = "glance-migrator.manifest.";
    private static final String APPLY = "/cleanup?only=target-leftovers";

    private final MigrationFixture fixture;
    private final LocalStack stack;
    private final String pool;
    private final String path;
    private final RbdCli old;
    private final RbdCli target;
    private final List<String> clones = new ArrayList<>();
    private final List<String> planted = new ArrayList<>();
    private String disk;
    private String volume;
    private String staging;
    private String copy;
    private String unmarked;
    private String manifest;

    public CleanupScenario(MigrationFixture fixture) {
        this.fixture = fixture;
        this.stack = fixture.stack;
        this.pool = stack.pool();
        this.path = "/migrations/" + fixture.migrationId;
        this.old = RbdCli.admin(stack, LocalStack.Cluster.OLD);
        this.target = RbdCli.admin(stack, LocalStack.Cluster.NEW);
    }

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + LocalStack.current().cutoverToken());
    }

    private List<String> ids() {
        return new ArrayList<>(fixture.images.keySet());
    }

    /** Before the cutover: the clones are listed and warned about; the clean-up is refused. */
    public void clonesAreListedAndWarnedAboutBeforeTheCutover() {
        String parent = ids().get(0);
        disk = "vms/" + UUID.randomUUID() + "_disk";
        volume = "volumes/volume-" + UUID.randomUUID();
        for (String clone : List.of(disk, volume)) {
            old.check("clone", pool + "/" + parent + "@snap", clone);
            clones.add(clone);
        }
        JsonPath dependents = api().get(path + "/dependents").then().statusCode(200)
                .body("sourceCluster", equalTo("old")).body("imagesChecked", equalTo(ids().size()))
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

        cleanupIsRefused();
        api().post(path + "/cleanup").then().statusCode(400).body("detail", containsString("only=target-leftovers"));
        api().post(path + "/cleanup?only=everything").then().statusCode(400);
    }

    /**
     * Once cut over: the plan keeps the clones' parent (and gives the others' commands) and lists exactly the
     * planted leftovers; the apply removes exactly those, nothing Glance references, nothing unmarked, nothing on old.
     */
    public void planKeepsTheParentAndApplyRemovesExactlyTheLeftovers() {
        List<String> ids = ids();
        String parent = ids.get(0);
        String referenced = ids.get(ids.size() - 1);
        staging = UUID.randomUUID() + STAGING_SUFFIX;
        copy = UUID.randomUUID().toString();
        unmarked = UUID.randomUUID().toString();
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
        assertEquals(0, rados("put", manifest, "/etc/hostname"));
        Set<String> leftovers = Set.of("staging-image " + staging, "manifest-object " + manifest, "unreferenced-copy " + copy);

        JsonPath plan = api().get(path + "/cleanup-plan").then().statusCode(200)
                .body("cutoverCompleted", equalTo(true))
                .body("source.cluster", equalTo("old")).body("target.cluster", equalTo("new"))
                .body("source.kept.imageId", equalTo(List.of(parent)))
                .extract().jsonPath();
        assertEquals(new HashSet<>(ids.subList(1, ids.size())), new HashSet<>(plan.getList("source.removable.imageId")));
        String reasons = plan.getList("source.kept[0].reasons").toString();
        assertTrue(reasons.contains("2 clones on old depend on") && reasons.contains(disk), reasons);
        assertEquals(leftovers, new HashSet<>(plan.getList("target.leftovers.collect { it.kind + ' ' + it.name }")));
        List<String> commands = plan.getList("commands");
        assertTrue(commands.contains("rbd snap unprotect " + pool + "/" + ids.get(1) + "@snap"), commands.toString());
        assertTrue(commands.contains("rbd rm " + pool + "/" + ids.get(1)), commands.toString());
        assertTrue(commands.stream().noneMatch(c -> c.contains(parent)), commands.toString());
        assertEquals("glance-migrator cleanup --apply --only target-leftovers", commands.get(commands.size() - 1));

        JsonPath applied = api().post(path + APPLY).then().statusCode(200).body("kept", hasSize(0)).extract().jsonPath();
        assertEquals(leftovers, new HashSet<>(applied.getList("removed.collect { it.kind + ' ' + it.name }")));
        assertNotEquals(0, target.run("info", pool + "/" + staging).exitCode(), "staging image removed");
        assertNotEquals(0, target.run("info", pool + "/" + copy).exitCode(), "unreferenced marked copy removed");
        assertNotEquals(0, rados("stat", manifest), "manifest removed");
        target.check("info", pool + "/" + unmarked);
        target.check("info", pool + "/" + referenced + "@snap");
        for (String id : ids) {
            old.check("info", pool + "/" + id + "@snap"); // nothing on the source is ever removed
        }
        api().get(path + "/cleanup-plan").then().statusCode(200).body("target.leftovers", hasSize(0))
                .body("commands", equalTo(commands.subList(0, commands.size() - 1)));
    }

    /** Not cut over (before the cutover, after its rollback): the plan and the apply are 409. */
    public void cleanupIsRefused() {
        api().get(path + "/cleanup-plan").then().statusCode(409).body("detail", containsString("not cut over"));
        api().post(path + APPLY).then().statusCode(409);
    }

    @Override
    public void close() {
        clones.forEach(clone -> old.run("rm", clone));
        for (String image : planted) {
            target.run("snap", "unprotect", pool + "/" + image + "@snap");
            target.run("snap", "purge", pool + "/" + image);
            target.run("rm", pool + "/" + image);
        }
        if (manifest != null) {
            rados("rm", manifest);
        }
    }

    /** The rados CLI as new's admin on the pool; its exit status. */
    private int rados(String... args) {
        List<String> command = new ArrayList<>(List.of("rados", "--conf", stack.adminConf(LocalStack.Cluster.NEW).toString(),
                "--id", "admin", "-p", pool));
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
