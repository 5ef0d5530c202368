package dev.glancemigrator.ceph;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads chunks of an image with several reads in flight and hands each one over in offset order,
 * copied into a reused byte array; what needs data in order (digests) reads through this.
 */
public final class OrderedReader {

    /**
     * Receives each chunk in turn, both in the native buffer it was read into and copied into a
     * heap array (the same bytes); both are valid only during the call.
     */
    @FunctionalInterface
    public interface ChunkSink {
        void accept(Extent chunk, Pointer nativeData, byte[] data, int length);
    }

    private record InFlight(Extent chunk, Memory buffer, AioOperation read) {
    }

    private final RbdImage image;
    private final int depth;
    private final long chunkBytes;

    /** {@code chunkBytes} bounds every chunk (an object size, for chunks cut by {@link ObjectChunks}). */
    public OrderedReader(RbdImage image, int depth, long chunkBytes) {
        this.image = image;
        this.depth = depth;
        this.chunkBytes = chunkBytes;
    }

    /** Reads every chunk; stops with {@link ReadAbandonedException} as soon as {@code abandon} says so. */
    public long read(List<Extent> chunks, ChunkSink sink, BooleanSupplier abandon) {
        // Buffers as large as the largest chunk and no more of them than chunks: a small image's read
        // would otherwise allocate (and fault in) depth whole objects, more than its data.
        long bufferBytes = Math.max(1, Math.min(chunkBytes, chunks.stream().mapToLong(Extent::length).max().orElse(1)));
        Deque<Memory> free = new ArrayDeque<>();
        for (int i = 0; i < Math.min(depth, chunks.size()); i++) {
            free.add(new Memory(bufferBytes));
        }
        byte[] scratch = new byte[Math.toIntExact(bufferBytes)];
        Deque<InFlight> inFlight = new ArrayDeque<>();
        long bytes = 0;
        int next = 0;
        try {
            while (next < chunks.size() || !inFlight.isEmpty()) {
                if (abandon.getAsBoolean()) {
                    throw new ReadAbandonedException(image.spec());
                }
                while (next < chunks.size() && !free.isEmpty()) {
                    Extent chunk = chunks.get(next++);
                    Memory buffer = free.poll();
                    inFlight.add(new InFlight(chunk, buffer, image.readAsync(chunk.offset(), chunk.length(), buffer)));
                }
                InFlight done = inFlight.poll();
                int length = Math.toIntExact(done.chunk().length());
                long read = done.read().await();
                if (read != length) {
                    throw new CephException("rbd_aio_read2", image.spec() + " at " + done.chunk().offset()
                            + " (short read: " + read + ")", Errno.EIO);
                }
                done.buffer().read(0, scratch, 0, length);
                sink.accept(done.chunk(), done.buffer(), scratch, length);
                free.add(done.buffer());
                bytes += length;
            }
            return bytes;
        } finally {
            // the read already failed or was abandoned: each pending read's own outcome adds nothing
            inFlight.forEach(pending -> pending.read().close());
        }
    }

    /** Reading stopped on request. */
    public static class ReadAbandonedException extends RuntimeException {
        public ReadAbandonedException(String spec) {
            super("reading " + spec + " abandoned");
        }
    }
}
