package dev.glancemigrator.verifier;

import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.CopyManifest;
import dev.glancemigrator.events.EventHeader;
import dev.glancemigrator.events.RbdImageRef;
import dev.glancemigrator.events.manifest.ObjectDigests;
import dev.glancemigrator.stack.GlanceApi;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.LocalStack.Cluster;
import dev.glancemigrator.stack.RbdCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Copies made without the copier: Glance uploads the source, the rbd CLI copies it to `new` with
 * snapshot and protection, and the manifest (the contract's format) is stored with the rados CLI.
 */
public final class CopyFixture {

    public static final int MIB = 1024 * 1024;
    private static final long OBJECT_SIZE = 8L * MIB;

    private final LocalStack stack;
    private final GlanceApi glance;
    private final Random random = new Random(4);

    public CopyFixture(LocalStack stack) {
        this.stack = stack;
        this.glance = new GlanceApi(stack);
    }

    public byte[] randomBytes(int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }

    /** Mostly zeros with data here and there. */
    public byte[] diskLikeBytes(int size) {
        byte[] data = new byte[size];
        for (int spot : new int[] {0, 5, 11}) {
            int at = (int) ((long) size * spot / 16);
            byte[] piece = randomBytes(Math.min(65536, size - at));
            System.arraycopy(piece, 0, data, at, piece.length);
        }
        return data;
    }

    /** Uploads through Glance (so Glance records the hash), then copies. */
    public Copied uploadedAndCopied(byte[] data) {
        return copy(glance.createWithData("verifier-test", data), data);
    }

    /** Written to `old` with the rbd CLI (no Glance row, no recorded hash), then copied. */
    public Copied unregisteredAndCopied(byte[] data) {
        String id = UUID.randomUUID().toString();
        Path file = temp(data);
        try {
            RbdCli old = RbdCli.admin(stack, Cluster.OLD);
            old.check("import", "--no-progress", "--object-size", "8M", file.toString(), spec(id));
            old.check("snap", "create", "--no-progress", spec(id) + "@snap");
            old.check("snap", "protect", spec(id) + "@snap");
        } finally {
            file.toFile().delete();
        }
        return copy(id, data);
    }

    private Copied copy(String id, byte[] data) {
        Path file = temp(data);
        try {
            RbdCli target = RbdCli.admin(stack, Cluster.NEW);
            if (data.length == 0) { // rbd import cannot size an empty file
                target.check("create", "--size", "0", "--object-size", "8M", spec(id));
            } else {
                target.check("import", "--no-progress", "--object-size", "8M", file.toString(), spec(id));
            }
            target.check("snap", "create", "--no-progress", spec(id) + "@snap");
            target.check("snap", "protect", spec(id) + "@snap");
        } finally {
            file.toFile().delete();
        }
        ObjectDigests digests = new ObjectDigests(ObjectDigests.JAVA_ALGORITHM, OBJECT_SIZE, data.length);
        for (long offset = 0; offset < data.length; offset += OBJECT_SIZE) {
            int length = (int) Math.min(OBJECT_SIZE, data.length - offset);
            byte[] piece = new byte[length];
            System.arraycopy(data, (int) offset, piece, 0, length);
            digests.add(offset, piece, length);
        }
        List<String> list = digests.finish();
        byte[] manifest = ObjectDigests.render(list);
        String manifestObject = "glance-migrator.manifest." + id;
        Path manifestFile = temp(manifest);
        try {
            run("rados", "--conf", stack.adminConf(Cluster.NEW).toString(), "-p", stack.pool(), "put", manifestObject,
                    manifestFile.toString());
        } finally {
            manifestFile.toFile().delete();
        }
        return new Copied(EventHeader.now(Copied.SCHEMA_VERSION, UUID.randomUUID(), 1, "fixture"), id,
                new RbdImageRef("old", stack.fsid(Cluster.OLD), stack.pool(), id, "snap"),
                new RbdImageRef("new", null, stack.pool(), id, "snap"), data.length, data.length, 0, 1,
                new CopyManifest(ObjectDigests.ALGORITHM, OBJECT_SIZE, list.size(), ObjectDigests.digestOf(manifest),
                        manifestObject), null, null, List.of());
    }

    public String spec(String id) {
        return stack.pool() + "/" + id;
    }

    /** Runs a command of the stack's (rados, mariadb) and fails unless it exits 0. */
    public static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path temp(byte[] data) {
        try {
            Path file = Files.createTempFile("verifier-fixture-", ".bin");
            Files.write(file, data);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
