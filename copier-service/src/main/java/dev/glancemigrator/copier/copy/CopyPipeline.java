package dev.glancemigrator.copier.copy;

import com.sun.jna.Memory;
import dev.glancemigrator.ceph.AioOperation;
import dev.glancemigrator.ceph.CephException;
import dev.glancemigrator.ceph.Errno;
import dev.glancemigrator.ceph.Extent;
import dev.glancemigrator.ceph.RbdImage;
import dev.glancemigrator.ceph.ZeroBlockProbe;
import dev.glancemigrator.ceph.ZeroBlocks;
import dev.glancemigrator.events.manifest.ObjectDigests;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Moves chunks from source to target with several chunks and writes in flight. One thread drives
 * it and always finishes the oldest chunk first, so data reaches the digests in offset order.
 *
 * <p>With a {@link ZeroBlockProbe}, a chunk is first probed on the OSD and only its blocks that
 * are not zeros are read. Probing costs an extra pass on the OSD for data that has no zero block,
 * so after such a chunk the next one is read outright, and probing resumes after a chunk that had
 * zeros. Chunks that end at or before {@code resumeOffset} were written by an earlier attempt:
 * they are read again for the manifest but not written.
 */
final class CopyPipeline {

    /** One chunk on its way: probed (maybe), then read into a buffer (unless it is all zeros). */
    private static final class InFlightChunk {
        final Extent chunk;
        ZeroBlockProbe.Probe probe;
        ZeroBlocks zeroBlocks;
        Memory buffer;
        final List<AioOperation> reads = new ArrayList<>();
        long bytesToRead;
        boolean readsStarted;

        InFlightChunk(Extent chunk) {
            this.chunk = chunk;
        }
    }

    private record InFlightWrite(Memory buffer, List<AioOperation> writes) {
    }

    private final RbdImage source;
    private final RbdImage target;
    private final Optional<ZeroBlockProbe> probe;
    private final CopyTuning tuning;
    private final ObjectDigests digests;
    private final NonZeroRuns nonZeroRuns;
    private final Deque<Memory> freeBuffers = new ArrayDeque<>();
    private final Deque<InFlightChunk> chunksInFlight = new ArrayDeque<>();
    private final Deque<InFlightWrite> writes = new ArrayDeque<>();
    private final long bufferBytes;
    private int buffersMade;
    private final byte[] scratch;
    private final ByteBuffer zeros;
    private boolean probeNext = true;
    private long bytesRead;
    private long bytesWritten;
    private long zeroBytes;

    /**
     * {@code chunkBytes} bounds every chunk: the object size, or the image's size when smaller. Buffers
     * are made as they are first needed, so a small image's copy allocates (and faults in) one buffer
     * of its size, not eight of an object's.
     */
    CopyPipeline(RbdImage source, Optional<ZeroBlockProbe> probe, RbdImage target, long chunkBytes, CopyTuning tuning,
            ObjectDigests digests) {
        this.source = source;
        this.probe = probe;
        this.target = target;
        this.tuning = tuning;
        this.digests = digests;
        this.nonZeroRuns = new NonZeroRuns(tuning.zeroBlockBytes());
        this.bufferBytes = Math.max(1, chunkBytes);
        this.scratch = new byte[Math.toIntExact(bufferBytes)];
        this.zeros = ByteBuffer.allocateDirect(Math.toIntExact(bufferBytes));
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
            while (next < chunks.size() || !chunksInFlight.isEmpty()) {
                if (abandon.getAsBoolean()) {
                    throw new CopyAbandonedException(target.spec());
                }
                while (next < chunks.size() && chunksInFlight.size() < tuning.readsInFlight()) {
                    chunksInFlight.add(start(chunks.get(next++)));
                }
                startReadsOfAnsweredProbes();
                InFlightChunk oldest = chunksInFlight.poll();
                if (!oldest.readsStarted) {
                    startReads(oldest, oldest.probe.await());
                }
                complete(oldest, resumeOffset);
                progress.accept(oldest.chunk.end());
                if (elapsed(lastCheckpoint).compareTo(tuning.checkpointInterval()) >= 0) {
                    drainWrites();
                    target.flush();
                    checkpoint.accept(oldest.chunk.end());
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

    private InFlightChunk start(Extent chunk) {
        InFlightChunk started = new InFlightChunk(chunk);
        if (probeNext && probe.isPresent() && probe.get().canProbe(chunk)) {
            started.probe = probe.get().probeAsync(chunk);
        } else {
            startReads(started, null);
        }
        return started;
    }

    /** Later chunks whose probes have answered start reading now, not when they become the oldest. */
    private void startReadsOfAnsweredProbes() {
        for (InFlightChunk chunk : chunksInFlight) {
            if (!chunk.readsStarted && chunk.probe.isDone()) {
                startReads(chunk, chunk.probe.await());
            }
        }
    }

    private void startReads(InFlightChunk inFlight, ZeroBlocks zeroBlocks) {
        inFlight.readsStarted = true;
        inFlight.zeroBlocks = zeroBlocks;
        List<Extent> ranges = zeroBlocks == null ? List.of(new Extent(0, inFlight.chunk.length()))
                : zeroBlocks.rangesToRead();
        if (ranges.isEmpty()) {
            return; // all zeros: nothing to read
        }
        Memory buffer = takeBuffer();
        inFlight.buffer = buffer;
        if (zeroBlocks != null) {
            buffer.setMemory(0, inFlight.chunk.length(), (byte) 0); // the blocks not read are zeros
        }
        for (Extent range : ranges) {
            inFlight.reads.add(source.readAsync(inFlight.chunk.offset() + range.offset(), range.length(),
                    buffer.share(range.offset(), range.length())));
            inFlight.bytesToRead += range.length();
        }
    }

    private void complete(InFlightChunk done, long resumeOffset) {
        Extent chunk = done.chunk;
        int length = Math.toIntExact(chunk.length());
        if (done.buffer == null) {
            countZeros(chunk, chunk.length(), resumeOffset);
            probeNext = true;
            return;
        }
        long read = 0;
        RuntimeException failure = null;
        for (AioOperation operation : done.reads) { // every one awaited: librbd may still fill the buffer
            try {
                read += operation.await();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        done.reads.clear();
        if (failure != null) {
            throw failure;
        }
        if (read != done.bytesToRead) {
            throw new CephException("rbd_aio_read2", source.spec() + " at " + chunk.offset() + " (short read: " + read + ")",
                    Errno.EIO);
        }
        bytesRead += read;
        boolean probedZeros = done.zeroBlocks != null && done.zeroBlocks.anyZero();
        // Most of a disk-like image reads as zeros. Checked in place, such a chunk is neither copied
        // into the heap nor hashed: to the manifest, zeros are a hole, whose digest is cached.
        if (done.buffer.getByteBuffer(0, length).mismatch(zeros.slice(0, length)) < 0) {
            countZeros(chunk, length, resumeOffset);
            release(done);
            probeNext = true;
            return;
        }
        done.buffer.read(0, scratch, 0, length);
        digests.add(chunk.offset(), scratch, length);
        List<NonZeroRuns.Run> runs = nonZeroRuns.find(scratch, length);
        long nonZero = runs.stream().mapToLong(NonZeroRuns.Run::length).sum();
        probeNext = probedZeros || nonZero < length;
        if (chunk.end() <= resumeOffset) {
            release(done);
            return;
        }
        zeroBytes += length - nonZero;
        while (writes.size() >= tuning.writesInFlight()) {
            completeOldestWrite();
        }
        List<AioOperation> started = new ArrayList<>(runs.size());
        for (NonZeroRuns.Run run : runs) {
            started.add(target.writeAsync(chunk.offset() + run.start(), run.length(),
                    done.buffer.share(run.start(), run.length())));
            bytesWritten += run.length();
        }
        writes.add(new InFlightWrite(done.buffer, started));
    }

    private void countZeros(Extent chunk, long bytes, long resumeOffset) {
        if (chunk.end() > resumeOffset) {
            zeroBytes += bytes;
        }
    }

    private void release(InFlightChunk chunk) {
        freeBuffers.add(chunk.buffer);
        chunk.buffer = null;
    }

    private Memory takeBuffer() {
        if (freeBuffers.isEmpty() && buffersMade < tuning.readsInFlight() + tuning.writesInFlight()) {
            buffersMade++;
            return new Memory(bufferBytes);
        }
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
        for (InFlightChunk chunk : chunksInFlight) {
            if (!chunk.readsStarted) {
                quietly(chunk.probe::await);
            }
            chunk.reads.forEach(read -> quietly(read::await));
        }
        chunksInFlight.clear();
        for (InFlightWrite write : writes) {
            write.writes().forEach(operation -> quietly(operation::await));
        }
        writes.clear();
    }

    private static void quietly(Runnable await) {
        try {
            await.run();
        } catch (RuntimeException ignored) {
            // the copy already failed; this operation's own error adds nothing
        }
    }

    private static Duration elapsed(long sinceNanos) {
        return Duration.ofNanos(System.nanoTime() - sinceNanos);
    }
}
