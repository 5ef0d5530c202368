package dev.glancemigrator.ceph;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finds the all-zero blocks of an image's data objects where the data lives: a RADOS checksum op
 * (xxHash64 per block) runs on the OSD, which reads the object and returns 8 bytes per block
 * instead of the block. Images uploaded through Glance are fully allocated, zeros included, so
 * most of a disk image can be skipped without ever crossing the wire.
 *
 * <p>A block whose checksum equals that of zeros is taken as zeros; a data block that happens to
 * share it has odds of 2^-64, and the verifier's whole-image hash would still refuse such a copy.
 * Objects that do not exist are holes; bytes past an object's end read as zeros (RBD semantics).
 *
 * <p>Works on images with the default striping only (one object per object-size extent); reads
 * the image's snapshot through an I/O context of its own on the image's data pool.
 *
 * <p>Closing twice is harmless; probing once it or its cluster is closed is refused.
 * Close it only once no {@link Probe} is in flight: the OSD's answers land through its I/O context.
 */
public final class ZeroBlockProbe implements AutoCloseable {

    private static final int OBJECT_NAME_BYTES = 128;
    private static final byte[] SEED = new byte[Long.BYTES];

    private final NativeHandle ioctx;
    private final CephCluster cluster;
    private final String objectPrefix;
    private final long objectSize;
    private final int blockBytes;
    private final long zeroBlockChecksum;
    private final String spec;

    ZeroBlockProbe(NativeHandle ioctx, CephCluster cluster, String objectPrefix, long objectSize, int blockBytes,
            String spec) {
        this.ioctx = ioctx;
        this.cluster = cluster;
        this.objectPrefix = objectPrefix;
        this.objectSize = objectSize;
        this.blockBytes = blockBytes;
        this.zeroBlockChecksum = Xxh64.hash(new byte[blockBytes], 0);
        this.spec = spec;
    }

    static ZeroBlockProbe open(RadosPool pool, Pointer image, String snapshot, ImageLayout layout, int blockBytes,
            String spec) {
        if (layout.hasCustomStriping()) {
            throw new IllegalArgumentException(spec + " is striped: its objects do not map one to one onto extents");
        }
        if (blockBytes <= 0 || layout.objectSize() % blockBytes != 0) {
            throw new IllegalArgumentException("probe blocks of " + blockBytes + " bytes do not divide objects of "
                    + layout.objectSize());
        }
        byte[] prefix = new byte[OBJECT_NAME_BYTES];
        CephException.check(LibRbd.INSTANCE.rbd_get_block_name_prefix(image, prefix, prefix.length),
                "rbd_get_block_name_prefix", spec);
        long dataPool = CephException.check(LibRbd.INSTANCE.rbd_get_data_pool_id(image), "rbd_get_data_pool_id", spec);
        PointerByReference ref = new PointerByReference();
        Pointer cluster = LibRados.INSTANCE.rados_ioctx_get_cluster(pool.ioctx());
        CephException.check(LibRados.INSTANCE.rados_ioctx_create2(cluster, dataPool, ref), "rados_ioctx_create2", spec);
        Pointer ioctx = ref.getValue();
        if (snapshot != null) {
            LongByReference snapId = new LongByReference();
            int found = LibRbd.INSTANCE.rbd_snap_get_id(image, snapshot, snapId);
            if (found < 0) {
                LibRados.INSTANCE.rados_ioctx_destroy(ioctx);
                throw new CephException("rbd_snap_get_id", spec, -found);
            }
            LibRados.INSTANCE.rados_ioctx_snap_set_read(ioctx, snapId.getValue());
        }
        NativeHandle probeIoctx = new NativeHandle(ioctx, "zero-block probe of " + spec,
                LibRados.INSTANCE::rados_ioctx_destroy);
        return new ZeroBlockProbe(probeIoctx, pool.cluster(), cString(prefix), layout.objectSize(), blockBytes, spec);
    }

    public int blockBytes() {
        return blockBytes;
    }

    /**
     * Whether {@code chunk} can be probed: it lies within one object and starts on a block
     * boundary of that object.
     */
    public boolean canProbe(Extent chunk) {
        long inObject = chunk.offset() % objectSize;
        return inObject % blockBytes == 0 && inObject + chunk.length() <= objectSize && chunk.length() > 0;
    }

    /** Starts probing {@code chunk} (see {@link #canProbe}). */
    public Probe probeAsync(Extent chunk) {
        if (!canProbe(chunk)) {
            throw new IllegalArgumentException(chunk + " of " + spec + " is not probe-aligned");
        }
        return new Probe(chunk);
    }

    private String objectName(long objectNumber) {
        return String.format("%s.%016x", objectPrefix, objectNumber);
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }

    /** The live I/O context of a live cluster, else IllegalStateException. */
    private Pointer ioctx() {
        cluster.checkOpen();
        return ioctx.get();
    }

    /** Destroys the I/O context on the first call; later calls, from any thread, do nothing. */
    @Override
    public void close() {
        ioctx.close();
    }

    /**
     * One checksum op in flight, with a stat of the object in the same op: the OSD clips the range
     * to the object's size and refuses a clipped range that is not whole blocks.
     *
     * <p>Its native op and completion are released by whichever comes first of {@link #await()}
     * and {@link #close()}, once, even when two threads race.
     */
    public final class Probe implements AutoCloseable {

        private final Extent chunk;
        private final long inObject;
        private final String oid;
        private final long probedBytes;
        // Native memory the OSD's answer lands in: referenced here until the op has completed.
        private final LibRados.ChecksumReply checksums;
        private final Memory size = new Memory(Long.BYTES);
        private final Memory mtime = new Memory(Long.BYTES);
        private final Memory statResult = new Memory(Integer.BYTES);
        private final Memory checksumResult = new Memory(Integer.BYTES);
        private final Pointer op;
        private final Pointer completion;
        /** Set by the one await or close that waits for the OSD and releases op and completion. */
        private final AtomicBoolean settled = new AtomicBoolean();

        private Probe(Extent chunk) {
            this.chunk = chunk;
            this.inObject = chunk.offset() % objectSize;
            this.oid = objectName(chunk.offset() / objectSize);
            this.probedBytes = chunk.length() / blockBytes * blockBytes;
            Pointer io = ioctx(); // before the op, which a closed probe would leak
            this.checksums = new LibRados.ChecksumReply(Math.toIntExact(Math.max(1, probedBytes / blockBytes)));
            this.op = LibRados.INSTANCE.rados_create_read_op();
            LibRados.INSTANCE.rados_read_op_stat(op, size, mtime, statResult);
            checksumResult.setInt(0, 0);
            if (probedBytes > 0) {
                LibRados.INSTANCE.rados_read_op_checksum(op, LibRados.CHECKSUM_TYPE_XXHASH64, SEED, SEED.length,
                        inObject, probedBytes, blockBytes, checksums, checksums.size(), checksumResult);
                LibRados.INSTANCE.rados_read_op_set_flags(op, LibRados.OP_FLAG_FAILOK);
            }
            PointerByReference ref = new PointerByReference();
            int created = LibRados.INSTANCE.rados_aio_create_completion2(null, null, ref);
            if (created < 0) {
                LibRados.INSTANCE.rados_release_read_op(op);
                throw new CephException("rados_aio_create_completion2", spec, -created);
            }
            this.completion = ref.getValue();
            int started = LibRados.INSTANCE.rados_aio_read_op_operate(op, io, completion, oid, 0);
            if (started < 0) {
                release();
                throw new CephException("rados_aio_read_op_operate", describe(), -started);
            }
        }

        public Extent chunk() {
            return chunk;
        }

        /**
         * Whether the OSD has answered (await will not block). Asked by the thread that awaits:
         * it does not guard against another thread closing the probe meanwhile.
         */
        public boolean isDone() {
            return settled.get() || LibRados.INSTANCE.rados_aio_is_complete(completion) != 0;
        }

        public ZeroBlocks await() {
            if (!settled.compareAndSet(false, true)) {
                throw new IllegalStateException(describe() + " was already awaited or closed");
            }
            int result;
            try {
                LibRados.INSTANCE.rados_aio_wait_for_complete(completion);
                result = LibRados.INSTANCE.rados_aio_get_return_value(completion);
            } finally {
                release();
            }
            boolean[] zero = new boolean[ZeroBlocks.blockCount(blockBytes, chunk.length())];
            if (result == -Errno.ENOENT) {
                Arrays.fill(zero, true); // no object: a hole
                return new ZeroBlocks(blockBytes, chunk.length(), zero);
            }
            CephException.check(result, "rados_aio_read_op_operate", describe());
            CephException.check(statResult.getInt(0), "rados stat", describe());
            long objectBytes = size.getLong(0);
            long probed = probedBytes;
            long[] values = read(checksumResult.getInt(0), probed);
            if (values == null) {
                // The object ends inside the range, off a block boundary: probe the whole blocks it has.
                probed = Math.max(0, Math.min(probedBytes, (objectBytes - inObject) / blockBytes * blockBytes));
                values = probed == 0 ? new long[0] : probeNow(probed);
            }
            for (int block = 0; block < zero.length; block++) {
                long start = inObject + (long) block * blockBytes;
                zero[block] = block < values.length ? values[block] == zeroBlockChecksum : start >= objectBytes;
            }
            return new ZeroBlocks(blockBytes, chunk.length(), zero);
        }

        /** The checksums answered, or null when the OSD refused a range clipped off a block boundary. */
        private long[] read(int checksumStatus, long probed) {
            if (probed == 0) {
                return new long[0];
            }
            if (checksumStatus == -Errno.EINVAL) {
                return null;
            }
            CephException.check(checksumStatus, "rados checksum", describe());
            return checksumsIn(checksums);
        }

        private long[] probeNow(long probed) {
            Pointer io = ioctx();
            LibRados.ChecksumReply answer = new LibRados.ChecksumReply(Math.toIntExact(probed / blockBytes));
            Memory status = new Memory(Integer.BYTES);
            Pointer retry = LibRados.INSTANCE.rados_create_read_op();
            try {
                LibRados.INSTANCE.rados_read_op_checksum(retry, LibRados.CHECKSUM_TYPE_XXHASH64, SEED, SEED.length,
                        inObject, probed, blockBytes, answer, answer.size(), status);
                CephException.check(LibRados.INSTANCE.rados_read_op_operate(retry, io, oid, 0), "rados checksum",
                        describe());
                CephException.check(status.getInt(0), "rados checksum", describe());
            } finally {
                LibRados.INSTANCE.rados_release_read_op(retry);
            }
            return checksumsIn(answer);
        }

        /** The checksums the OSD answered, once the operation has completed. */
        private long[] checksumsIn(LibRados.ChecksumReply answer) {
            answer.read();
            if (answer.count < 0 || answer.count > answer.checksums.length) {
                throw new CephException("rados checksum", describe() + " (" + answer.count + " checksums for "
                        + answer.checksums.length + " blocks)", Errno.EIO);
            }
            return Arrays.copyOf(answer.checksums, answer.count);
        }

        /**
         * Waits for the OSD, ignoring its answer, and releases the op, unless it was awaited or
         * closed already: the answer lands in this probe's buffers, which must outlive it.
         */
        @Override
        public void close() {
            if (settled.compareAndSet(false, true)) {
                try {
                    LibRados.INSTANCE.rados_aio_wait_for_complete(completion);
                } finally {
                    release();
                }
            }
        }

        private void release() {
            if (completion != null) {
                LibRados.INSTANCE.rados_aio_release(completion);
            }
            LibRados.INSTANCE.rados_release_read_op(op);
        }

        private String describe() {
            return spec + " object " + oid + " at " + inObject + "+" + probedBytes;
        }
    }
}
