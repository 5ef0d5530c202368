package dev.glancemigrator.ceph;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;

/**
 * A connection to one Ceph cluster (one {@code rados_t}); thread-safe, meant to be shared by every
 * copy in the process. Close it last, after every pool and image opened through it: once it is
 * closed, they refuse to be used. Or {@link #retire()} it, and it closes itself once the last pool
 * and image opened through it are closed.
 */
public final class CephCluster implements AutoCloseable {

    private static final int FSID_BUFFER_BYTES = 64;

    private final NativeHandle handle;
    private final String name;
    /** Pools, images and calls under way that use the client; guarded by this. */
    private int users;
    /** No new user once retired; guarded by this. */
    private boolean retired;

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
            // Fencing: a client whose lock librbd breaks (its holder stopped answering) is blocklisted,
            // so nothing it still sends lands. On by default; a conf file must not turn it off here.
            CephException.check(LibRados.INSTANCE.rados_conf_set(handle, "rbd_blocklist_on_break_lock", "true"),
                    "rados_conf_set", "rbd_blocklist_on_break_lock");
            CephException.check(LibRados.INSTANCE.rados_connect(handle), "rados_connect", subject);
            return new CephCluster(new NativeHandle(handle, "cluster " + subject, LibRados.INSTANCE::rados_shutdown),
                    subject);
        } catch (RuntimeException e) {
            LibRados.INSTANCE.rados_shutdown(handle);
            throw e;
        }
    }

    public String fsid() {
        retain();
        try {
            byte[] buf = new byte[FSID_BUFFER_BYTES];
            long length = CephException.check(LibRados.INSTANCE.rados_cluster_fsid(handle.get(), buf, buf.length),
                    "rados_cluster_fsid", name);
            return new String(buf, 0, (int) length, StandardCharsets.US_ASCII);
        } finally {
            release();
        }
    }

    /** Whether the pool exists; also a round trip to the monitors, so a health probe. */
    public boolean poolExists(String pool) {
        retain();
        try {
            long id = LibRados.INSTANCE.rados_pool_lookup(handle.get(), pool);
            if (id == -Errno.ENOENT) {
                return false;
            }
            CephException.check(id, "rados_pool_lookup", pool);
            return true;
        } finally {
            release();
        }
    }

    /** Opens a pool; the connection stays up, retired or not, until the pool is closed. */
    public RadosPool openPool(String pool) {
        retain();
        try {
            PointerByReference ref = new PointerByReference();
            CephException.check(LibRados.INSTANCE.rados_ioctx_create(handle.get(), pool, ref), "rados_ioctx_create",
                    pool);
            return new RadosPool(new NativeHandle(ref.getValue(), "pool " + pool, ioctx -> {
                try {
                    LibRados.INSTANCE.rados_ioctx_destroy(ioctx);
                } finally {
                    release();
                }
            }), this, pool);
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    /**
     * Counts one more user of the client (a pool or image opened, a call under way) until its
     * {@link #release()}. Refused once retired or closed.
     */
    synchronized void retain() {
        if (retired) {
            throw new IllegalStateException(name + " is retired: its client was blocklisted; a new connection is needed");
        }
        handle.get();
        users++;
    }

    /** One user fewer; the last one of a retired connection shuts it down. */
    void release() {
        boolean last;
        synchronized (this) {
            users--;
            last = retired && users == 0;
        }
        if (last) {
            handle.close();
        }
    }

    /**
     * Takes the connection out of service, for good: nothing new is opened through it, and it shuts
     * down as soon as nothing opened through it is still open (at once, if nothing is). For a client
     * that can never work again, such as a blocklisted one, whose pools and images may still be
     * closing in other threads: librados frees what they use, so it must outlive them.
     */
    public void retire() {
        boolean idle;
        synchronized (this) {
            retired = true;
            idle = users == 0;
        }
        if (idle) {
            handle.close();
        }
    }

    /**
     * Pools, images and probes call this before each native call: rados_shutdown frees the client
     * their own handles point into.
     */
    void checkOpen() {
        handle.get();
    }

    /** Whether {@link #retire()} took it out of service. */
    public synchronized boolean retired() {
        return retired;
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
