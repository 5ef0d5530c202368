package dev.glancemigrator.ceph;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
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
}
