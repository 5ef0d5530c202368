package dev.glancemigrator.ceph;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;

/**
 * A connection to one Ceph cluster (one {@code rados_t}); thread-safe, meant to be shared by every
 * copy in the process. Close it last, after every pool and image opened through it: once it is
 * closed, they refuse to be used.
 */
public final class CephCluster implements AutoCloseable {

    private static final int FSID_BUFFER_BYTES = 64;

    private final NativeHandle handle;
    private final String name;

    CephCluster(NativeHandle handle, String name) {
        this.handle = handle;
        this.name = name;
    }

    /** Connects, or throws naming the cluster and why (ETIMEDOUT, EACCES for a wrong key, ...). */
    public static CephCluster connect(CephClientConfig config) {
        String subject = config.entityName() + "@" + config.confFile();
        PointerByReference ref = new PointerByReference();
        CephException.check(LibRados.INSTANCE.rados_create2(ref, "ceph", config.entityName(), 0),
                "rados_create2", subject);
        Pointer handle = ref.getValue();
        try {
            CephException.check(LibRados.INSTANCE.rados_conf_read_file(handle, config.confFile().toString()),
                    "rados_conf_read_file", subject);
            String seconds = Long.toString(Math.max(1, config.timeout().toSeconds()));
            LibRados.INSTANCE.rados_conf_set(handle, "client_mount_timeout", seconds);
            LibRados.INSTANCE.rados_conf_set(handle, "rados_mon_op_timeout", seconds);
            CephException.check(LibRados.INSTANCE.rados_connect(handle), "rados_connect", subject);
            return new CephCluster(new NativeHandle(handle, "cluster " + subject, LibRados.INSTANCE::rados_shutdown),
                    subject);
        } catch (RuntimeException e) {
            LibRados.INSTANCE.rados_shutdown(handle);
            throw e;
        }
    }

    public String fsid() {
        byte[] buf = new byte[FSID_BUFFER_BYTES];
        long length = CephException.check(LibRados.INSTANCE.rados_cluster_fsid(handle.get(), buf, buf.length),
                "rados_cluster_fsid", name);
        return new String(buf, 0, (int) length, StandardCharsets.US_ASCII);
    }

    /** Whether the pool exists; also a round trip to the monitors, so a health probe. */
    public boolean poolExists(String pool) {
        long id = LibRados.INSTANCE.rados_pool_lookup(handle.get(), pool);
        if (id == -Errno.ENOENT) {
            return false;
        }
        CephException.check(id, "rados_pool_lookup", pool);
        return true;
    }

    public RadosPool openPool(String pool) {
        PointerByReference ref = new PointerByReference();
        CephException.check(LibRados.INSTANCE.rados_ioctx_create(handle.get(), pool, ref), "rados_ioctx_create",
                pool);
        return new RadosPool(new NativeHandle(ref.getValue(), "pool " + pool, LibRados.INSTANCE::rados_ioctx_destroy),
                this, pool);
    }

    /**
     * Pools, images and probes call this before each native call: rados_shutdown frees the client
     * their own handles point into.
     */
    void checkOpen() {
        handle.get();
    }

    /** Shuts the connection down on the first call; later calls, from any thread, do nothing. */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
