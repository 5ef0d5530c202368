package dev.glancemigrator.cutover.support;

import dev.glancemigrator.stack.GlanceApi;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.RbdCli;
import dev.glancemigrator.stack.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A small migration of the test's own images, made the way the real pipeline leaves one: images
 * uploaded through Glance, copied to {@code new:images/<id>} with a protected {@code snap}, and
 * ledger rows saying {@code verified}.
 *
 * <p>Glance and its database are shared with other tests, whose images sit on the same source pool.
 * So the fixture's source is a cluster of its own: its images' location rows are given a fixture fsid
 * (Glance reads by pool, image and snapshot, so they still download from {@code old}), and the
 * migration's source is that fsid. The cutover's preconditions then see exactly the fixture's images.
 * {@link #close()} puts the real fsid back and removes everything the fixture made.
 */
public final class MigrationFixture implements AutoCloseable {

    public final LocalStack stack = LocalStack.current();
    public final Sql sql = Sql.ledger(stack);
    public final GlanceApi glance = new GlanceApi(stack);
    /** Glance's rows, through the cutover's writer user: the ledger's user has no rights on Glance's schema. */
    public final Sql glanceRows = Sql.glanceWriter(stack);
    public final String migrationId = UUID.randomUUID().toString();
    public final String sourceFsid = UUID.randomUUID().toString();
    public final Map<String, byte[]> images = new LinkedHashMap<>();
    private final List<String> copied = new ArrayList<>();
    private final String glanceDb = stack.glanceDatabase();

    public MigrationFixture() {
        sql.execute("INSERT INTO migration (id, source_cluster, source_fsid, source_pool, target_cluster, target_fsid,"
                + " target_pool, plan_runs, created_at) VALUES (?, 'old', ?, ?, 'new', NULL, ?, 1, UTC_TIMESTAMP(6))",
                migrationId, sourceFsid, stack.pool(), stack.pool());
    }

    /** Uploads an image through Glance and moves its location row to the fixture's source fsid. */
    public String upload(String name, int size) {
        byte[] data = new byte[size];
        new Random(name.hashCode()).nextBytes(data);
        String id = glance.createWithData(name + "-" + migrationId.substring(0, 8), data);
        images.put(id, data);
        int moved = glanceRows.execute("UPDATE " + glanceDb + ".image_locations SET value = ? WHERE image_id = ? AND value = ?",
                locationOn(sourceFsid, id), id, locationOn(stack.fsid(LocalStack.Cluster.OLD), id));
        if (moved != 1) {
            throw new IllegalStateException("image " + id + " has no location on old");
        }
        return id;
    }

    /** Copies {@code old:images/<id>@snap} to {@code new:images/<id>} and creates and protects its snap, as the copier does. */
    public void copyToNew(String id) {
        String pool = stack.pool();
        shell("rbd --conf " + stack.adminConf(LocalStack.Cluster.OLD) + " --id admin export " + pool + "/" + id + "@snap - | "
                + "rbd --conf " + stack.adminConf(LocalStack.Cluster.NEW) + " --id admin import - " + pool + "/" + id);
        copied.add(id);
        RbdCli target = RbdCli.admin(stack, LocalStack.Cluster.NEW);
        target.check("snap", "create", pool + "/" + id + "@snap");
        target.check("snap", "protect", pool + "/" + id + "@snap");
    }

    /** Records the image in the ledger in {@code state}. */
    public void inLedger(String id, String state) {
        sql.execute("INSERT INTO image_task (migration_id, image_id, image_name, size_bytes, glance_status, source_location,"
                + " source_image, source_snapshot, state, attempt, planned_in_run, planned_at, updated_at)"
                + " VALUES (?, ?, 'fixture', ?, 'active', ?, ?, 'snap', ?, 1, 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))",
                migrationId, id, images.get(id).length, locationOn(sourceFsid, id), id, state);
    }

    public String locationOn(String fsid, String id) {
        return "rbd://" + fsid + "/" + stack.pool() + "/" + id + "/snap";
    }

    /** Each fixture image's live location values, image by image. */
    public Map<String, List<String>> locations() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String id : images.keySet()) {
            values.put(id, glanceRows.strings("SELECT CONCAT(id, ' ', value, ' ', COALESCE(meta_data, '')) FROM " + glanceDb
                    + ".image_locations WHERE image_id = ? AND deleted = 0 ORDER BY id", id));
        }
        return values;
    }

    public Path glanceConf() {
        return Path.of(stack.get("GM_GLANCE_CONF"));
    }

    public String glanceConfText() {
        try {
            return Files.readString(glanceConf());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        String old = stack.fsid(LocalStack.Cluster.OLD);
        for (String id : images.keySet()) {
            glanceRows.execute("UPDATE " + glanceDb + ".image_locations SET value = ? WHERE image_id = ? AND value = ?",
                    locationOn(old, id), id, locationOn(sourceFsid, id));
            try {
                glance.delete(id);
            } catch (RuntimeException e) {
                System.err.println("could not delete fixture image " + id + ": " + e.getMessage());
            }
        }
        RbdCli target = RbdCli.admin(stack, LocalStack.Cluster.NEW);
        for (String id : copied) {
            target.run("snap", "unprotect", stack.pool() + "/" + id + "@snap");
            target.run("snap", "purge", stack.pool() + "/" + id);
            target.run("rm", stack.pool() + "/" + id);
        }
        sql.execute("DELETE FROM cutover_outbox WHERE migration_id = ?", migrationId);
        sql.execute("DELETE FROM cutover_journal WHERE migration_id = ?", migrationId);
        sql.execute("DELETE FROM cutover_run WHERE migration_id = ?", migrationId);
        sql.execute("DELETE FROM image_task WHERE migration_id = ?", migrationId);
        sql.execute("DELETE FROM migration WHERE id = ?", migrationId);
        removeConfigBackups();
    }

    /** The backups of glance-api.conf the cutover kept for this fixture's migration (they sit in the shared stack). */
    private void removeConfigBackups() {
        String prefix = glanceConf().getFileName() + ".cutover-" + migrationId + "-";
        try (var files = Files.list(glanceConf().getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.err.println("could not remove the fixture's config backups: " + e.getMessage());
        }
    }

    private static void shell(String command) {
        try {
            Path err = Files.createTempFile("fixture-", ".err");
            Process process = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command)
                    .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " failed: " + Files.readString(err, StandardCharsets.UTF_8));
            }
            Files.deleteIfExists(err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
