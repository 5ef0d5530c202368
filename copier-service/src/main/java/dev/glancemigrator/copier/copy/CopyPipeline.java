package dev.glancemigrator.copier.copy;

import com.sun.jna.Memory;
import dev.glancemigrator.ceph.AioOperation;
import dev.glancemigrator.ceph.CephException;
import dev.glancemigrator.ceph.Errno;
import dev.glancemigrator.ceph.Extent;
import dev.glancemigrator.ceph.RbdImage;
import dev.glancemigrator.events.manifest.ObjectDigests;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Moves chunks from source to target with several reads and writes in flight. One thread drives it
 * and always awaits the oldest operation, so data reaches the digests in offset order. Chunks
 * that end at or before {@code resumeOffset} were written by an earlier attempt: they are read
 * again for the manifest but not written.
 */
final class CopyPipeline {

    private record InFlightRead(Extent chunk, Memory buffer, AioOperation read) {
    }

    private record InFlightWrite(Memory buffer, List<AioOperation> writes) {
    }

    private final RbdImage source;
    private final RbdImage target;
    private final CopyTuning tuning;
    private final ObjectDigests digests;
    private final NonZeroRuns nonZeroRuns;
    private final Deque<Memory> freeBuffers = new ArrayDeque<>();
    private final Deque<InFlightRead> reads = new ArrayDeque<>();
    private final Deque<InFlightWrite> writes = new ArrayDeque<>();
    private final byte[] scratch;
    private final ByteBuffer zeros;
    private long bytesRead;
    private long bytesWritten;
    private long zeroBytes;

    CopyPipeline(RbdImage source, RbdImage target, long objectSize, CopyTuning tuning, ObjectDigests digests) {
        this.source = source;
        this.target = target;
        this.tuning = tuning;
        this.digests = digests;
        this.nonZeroRuns = new NonZeroRuns(tuning.zeroBlockBytes());
        this.scratch = new byte[Math.toIntExact(objectSize)];
        this.zeros = ByteBuffer.allocateDirect(Math.toIntExact(objectSize));
        for (int i = 0; i < tuning.readsInFlight() + tuning.writesInFlight(); i++) {
            freeBuffers.add(new Memory(objectSize));
        }
    }

    /**
     * Copies every chunk. {@code progress} gets the offset reached after each chunk; {@code
     * checkpoint} is called with an offset below which everything is written and flushed.
     */
    CopyCounts run(List<Extent> chunks, long resumeOffset, BooleanSupplier abandon, LongConsumer progress,
            LongConsumer checkpoint) {
        long lastCheckpoint = System.nanoTime();
        int next = 0;
        try {
            while (next < chunks.size() || !reads.isEmpty()) {
                if (abandon.getAsBoolean()) {
                    throw new CopyAbandonedException(target.spec());
                }
                while (next < chunks.size() && reads.size() < tuning.readsInFlight()) {
                    Extent chunk = chunks.get(next++);
                    Memory buffer = takeBuffer();
                    reads.add(new InFlightRead(chunk, buffer, source.readAsync(chunk.offset(), chunk.length(), buffer)));
                }
                InFlightRead done = reads.poll();
                complete(done, resumeOffset);
                progress.accept(done.chunk().end());
                if (elapsed(lastCheckpoint).compareTo(tuning.checkpointInterval()) >= 0) {
                    drainWrites();
                    target.flush();
                    checkpoint.accept(done.chunk().end());
                    lastCheckpoint = System.nanoTime();
                }
            }
            drainWrites();
            target.flush();
            return new CopyCounts(bytesRead, bytesWritten, zeroBytes);
        } finally {
            awaitQuietly();
        }
    }

    private void complete(InFlightRead done, long resumeOffset) {
        Extent chunk = done.chunk();
        int length = Math.toIntExact(chunk.length());
        long read = done.read().await();
        if (read != length) {
            throw new CephException("rbd_aio_read2", source.spec() + " at " + chunk.offset() + " (short read: " + read + ")",
                    Errno.EIO);
        }
        bytesRead += length;
        // Most of a disk-like image reads as zeros. Checked in place, such a chunk is neither copied
        // into the heap nor hashed: to the manifest, zeros are a hole, whose digest is cached.
        if (done.buffer().getByteBuffer(0, length).mismatch(zeros.slice(0, length)) < 0) {
            if (chunk.end() > resumeOffset) {
                zeroBytes += length;
            }
            freeBuffers.add(done.buffer());
            return;
        }
        done.buffer().read(0, scratch, 0, length);
        digests.add(chunk.offset(), scratch, length);
        List<NonZeroRuns.Run> runs = chunk.end() <= resumeOffset ? List.of() : nonZeroRuns.find(scratch, length);
        if (runs.isEmpty()) {
            if (chunk.end() > resumeOffset) {
                zeroBytes += chunk.length();
            }
            freeBuffers.add(done.buffer());
            return;
        }
        while (writes.size() >= tuning.writesInFlight()) {
            completeOldestWrite();
        }
        List<AioOperation> started = new ArrayList<>(runs.size());
        for (NonZeroRuns.Run run : runs) {
            started.add(target.writeAsync(chunk.offset() + run.start(), run.length(),
                    done.buffer().share(run.start(), run.length())));
            bytesWritten += run.length();
        }
        zeroBytes += chunk.length() - runs.stream().mapToLong(NonZeroRuns.Run::length).sum();
        writes.add(new InFlightWrite(done.buffer(), started));
    }

    private Memory takeBuffer() {
        while (freeBuffers.isEmpty()) {
            completeOldestWrite();
        }
        return freeBuffers.poll();
    }

    private void completeOldestWrite() {
        InFlightWrite oldest = writes.poll();
        if (oldest == null) {
            throw new IllegalStateException("no buffer free and no write in flight");
        }
        oldest.writes().forEach(AioOperation::await);
        freeBuffers.add(oldest.buffer());
    }

    private void drainWrites() {
        while (!writes.isEmpty()) {
            completeOldestWrite();
        }
    }

    /** After a failure, operations still in flight must finish before their buffers can be freed. */
    private void awaitQuietly() {
        for (InFlightRead read : reads) {
            try {
                read.read().await();
            } catch (RuntimeException ignored) {
                // the copy already failed; this operation's own error adds nothing
            }
        }
        reads.clear();
        for (InFlightWrite write : writes) {
            for (AioOperation operation : write.writes()) {
                try {
                    operation.await();
                } catch (RuntimeException ignored) {
                    // as above
                }
            }
        }
        writes.clear();
    }

    private static Duration elapsed(long sinceNanos) {
        return Duration.ofNanos(System.nanoTime() - sinceNanos);
    }
}
