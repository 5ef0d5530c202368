package dev.glancemigrator.cutover.glance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Whole-file writes that a reader (or a crash) sees entirely old or entirely new: temp file, fsync, rename. */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to {@code target} with {@code ownership}, set on the temp file before the
     * rename, so the file never appears with other attributes (a key readable by others, a conf Glance
     * cannot read). A missing directory is made with the attributes of its parent.
     */
    static void write(Path target, byte[] content, FileOwnership ownership) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            ownership.applyTo(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Like {@code Files.createDirectories}, each new directory owned and moded as its parent (Glance must traverse it). */
    private static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        createDirectories(parent);
        Files.createDirectory(dir);
        FileOwnership.of(parent).applyTo(dir);
    }
}
