package dev.glancemigrator.ceph;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The librados calls this binding uses, as declared in rados/librados.h (Ceph 16). Handles are
 * opaque pointers; size_t maps to long (LP64 Linux only). Loaded by its runtime soname, which
 * Debian's librados2 ships without the -dev package.
 */
interface LibRados extends Library {

    LibRados INSTANCE = Native.load("librados.so.2", LibRados.class);

    int rados_create2(PointerByReference cluster, String clusterName, String name, long flags);

    int rados_conf_read_file(Pointer cluster, String path);

    int rados_conf_set(Pointer cluster, String option, String value);

    int rados_connect(Pointer cluster);

    void rados_shutdown(Pointer cluster);

    int rados_cluster_fsid(Pointer cluster, byte[] buf, long len);

    long rados_pool_lookup(Pointer cluster, String poolName);

    int rados_ioctx_create(Pointer cluster, String poolName, PointerByReference ioctx);

    void rados_ioctx_destroy(Pointer ioctx);

    int rados_write_full(Pointer ioctx, String oid, byte[] buf, long len);

    int rados_read(Pointer ioctx, String oid, byte[] buf, long len, long offset);

    int rados_stat(Pointer ioctx, String oid, LongByReference size, LongByReference mtime);

    int rados_remove(Pointer ioctx, String oid);

    int rados_exec(Pointer ioctx, String oid, String cls, String method, byte[] in, long inLength, byte[] out,
            long outLength);

    Pointer rados_ioctx_get_cluster(Pointer ioctx);

    int rados_ioctx_create2(Pointer cluster, long poolId, PointerByReference ioctx);

    void rados_ioctx_snap_set_read(Pointer ioctx, long snapId);

    /** rados_checksum_type_t */
    int CHECKSUM_TYPE_XXHASH64 = 1;

    /**
     * What rados_read_op_checksum writes into its buffer: a count, then one checksum per chunk,
     * packed with no padding after the count, as the OSD encodes them (little-endian, which is
     * also the native order on x86_64). Its length is fixed at construction, one slot per chunk.
     *
     * <p>Not synchronised around calls: the OSD answers when the operation completes, not when
     * the checksum is added to it, so the owner reads it then with {@link #read()}.
     */
    @Structure.FieldOrder({"count", "checksums"})
    class ChecksumReply extends Structure {
        public int count;
        public long[] checksums;

        ChecksumReply(int chunks) {
            super(ALIGN_NONE);
            checksums = new long[chunks];
            allocateMemory();
            setAutoSynch(false);
        }
    }

    /** A failing operation does not fail the compound operation; its prval says what happened. */
    int OP_FLAG_FAILOK = 0x2;

    Pointer rados_create_read_op();

    void rados_release_read_op(Pointer readOp);

    void rados_read_op_set_flags(Pointer readOp, int flags);

    void rados_read_op_stat(Pointer readOp, Pointer size, Pointer mtime, Pointer prval);

    void rados_read_op_checksum(Pointer readOp, int type, byte[] initValue, long initValueLength, long offset,
            long length, long chunkSize, ChecksumReply checksums, long checksumsLength, Pointer prval);

    int rados_read_op_operate(Pointer readOp, Pointer ioctx, String oid, int flags);

    int rados_aio_create_completion2(Pointer callbackArg, Pointer completeCallback, PointerByReference completion);

    int rados_aio_read_op_operate(Pointer readOp, Pointer ioctx, Pointer completion, String oid, int flags);

    int rados_aio_wait_for_complete(Pointer completion);

    int rados_aio_is_complete(Pointer completion);

    int rados_aio_get_return_value(Pointer completion);

    void rados_aio_release(Pointer completion);
}
