package dev.glancemigrator.copier;

import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.EventHeader;
import dev.glancemigrator.events.RbdImageRef;
import dev.glancemigrator.events.RetryReason;
import dev.glancemigrator.stack.GlanceApi;
import dev.glancemigrator.stack.LocalStack;
import dev.glancemigrator.stack.LocalStack.Cluster;
import dev.glancemigrator.stack.RbdCli;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

/** Source images of every shape the copier meets, made as users and Glance make them. */
public final class SourceImages {

    public static final int MIB = 1024 * 1024;

    private final LocalStack stack;
    private final GlanceApi glance;
    private final Random random = new Random(2026);

    public SourceImages(LocalStack stack) {
        this.stack = stack;
        this.glance = new GlanceApi(stack);
    }

    public String dense(int bytes) {
        byte[] data = new byte[bytes];
        random.nextBytes(data);
        return glance.createWithData("copier-test-dense", data);
    }

    /** Mostly zeros, with a boot area and data scattered over it, uploaded through Glance (fully allocated). */
    public String diskLike(int bytes) {
        return glance.createWithData("copier-test-disk-like-ü", diskLikeBytes(bytes));
    }

    public String uploaded(byte[] data) {
        return glance.createWithData("copier-test", data);
    }

    /** Written sparsely with the rbd CLI (thin in RBD), with a protected snapshot as Glance makes. */
    public String sparseInRbd(int bytes) {
        String id = UUID.randomUUID().toString();
        Path file = null;
        try {
            file = Files.createTempFile("sparse-", ".img");
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.write(diskLikeBytes(bytes));
            }
            RbdCli admin = RbdCli.admin(stack, Cluster.OLD);
            String spec = stack.pool() + "/" + id;
            admin.check("import", "--no-progress", "--object-size", "8M", file.toString(), spec);
            admin.check("snap", "create", "--no-progress", spec + "@snap");
            admin.check("snap", "protect", spec + "@snap");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /** A large image filled by rbd bench (fast, no file), with a protected snapshot. */
    public String filledInRbd(long bytes) {
        String id = UUID.randomUUID().toString();
        String spec = stack.pool() + "/" + id;
        RbdCli admin = RbdCli.admin(stack, Cluster.OLD);
        admin.check("create", "--size", bytes / MIB + "M", "--object-size", "8M", spec);
        admin.check("bench", "--io-type", "write", "--io-size", "8M", "--io-pattern", "seq",
                "--io-total", Long.toString(bytes), spec);
        admin.check("snap", "create", "--no-progress", spec + "@snap");
        admin.check("snap", "protect", spec + "@snap");
        return id;
    }

    public byte[] diskLikeBytes(int bytes) {
        byte[] data = new byte[bytes];
        byte[] piece = new byte[Math.min(bytes, 64 * 1024)];
        random.nextBytes(piece);
        System.arraycopy(piece, 0, data, 0, Math.min(piece.length, bytes));
        for (int spot : new int[] {3, 7, 11, 13}) {
            int at = (int) ((long) bytes * spot / 16);
            random.nextBytes(piece);
            System.arraycopy(piece, 0, data, at, Math.min(piece.length, bytes - at));
        }
        return data;
    }

    public CopyTask task(String imageId, long size) {
        return task(imageId, size, UUID.randomUUID(), 1);
    }

    public CopyTask task(String imageId, long size, UUID migration, int attempt) {
        return task(imageId, size, migration, attempt, null);
    }

    public CopyTask task(String imageId, long size, UUID migration, int attempt, RetryReason retryReason) {
        return new CopyTask(EventHeader.now(CopyTask.SCHEMA_VERSION, migration, attempt, "test"), imageId,
                "test image", size, new RbdImageRef("old", stack.fsid(Cluster.OLD), stack.pool(), imageId, "snap"),
                new RbdImageRef("new", null, stack.pool(), imageId, null), retryReason);
    }
}
