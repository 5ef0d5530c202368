package dev.glancemigrator.ceph;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One pool (an {@code rados_ioctx_t}): plain RADOS objects, and the pool-level RBD operations
 * (create, open, rename, remove images). Thread-safe. Images opened here stay usable after the
 * pool is closed (librbd keeps an I/O context of its own), but not after the cluster is.
 */
public final class RadosPool implements AutoCloseable {

    /** A format 2 image's name leads to its id through this object ({@code rbd_id.<name>}). */
    private static final String FORMAT_2_ID_PREFIX = "rbd_id.";
    /** A format 1 image's header object is {@code <name>.rbd}. */
    private static final String FORMAT_1_HEADER_SUFFIX = ".rbd";

    /** Room for this many images at the first listing; a larger pool answers with its count, asked again. */
    private static final int IMAGE_LIST_FIRST_CAPACITY = 1024;

    private final NativeHandle ioctx;
    private final CephCluster cluster;
    private final String name;

    RadosPool(NativeHandle ioctx, CephCluster cluster, String name) {
        this.ioctx = ioctx;
        this.cluster = cluster;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void writeObject(String oid, byte[] content) {
        CephException.check(LibRados.INSTANCE.rados_write_full(ioctx(), oid, content, content.length),
                "rados_write_full", name + "/" + oid);
    }

    /** The whole object, or empty when it does not exist. */
    public Optional<byte[]> readObject(String oid) {
        LongByReference size = new LongByReference();
        int stat = LibRados.INSTANCE.rados_stat(ioctx(), oid, size, new LongByReference());
        if (stat == -Errno.ENOENT) {
            return Optional.empty();
        }
        CephException.check(stat, "rados_stat", name + "/" + oid);
        byte[] content = new byte[Math.toIntExact(size.getValue())];
        long read = CephException.check(LibRados.INSTANCE.rados_read(ioctx(), oid, content, content.length, 0),
                "rados_read", name + "/" + oid);
        if (read != content.length) {
            throw new CephException("rados_read", name + "/" + oid + " (short read)", Errno.EIO);
        }
        return Optional.of(content);
    }

    public void removeObject(String oid) {
        int result = LibRados.INSTANCE.rados_remove(ioctx(), oid);
        if (result != -Errno.ENOENT) {
            CephException.check(result, "rados_remove", name + "/" + oid);
        }
    }

    /** Opens {@code image@snapshot} read-only; ENOENT when either is missing. */
    public RbdImage openReadOnly(String image, String snapshot) {
        return openImage(image, snapshot, true);
    }

    /** Opens the image's head for writing. */
    public RbdImage open(String image) {
        return openImage(image, null, false);
    }

    /** The image keeps the cluster's connection up until it is closed, like a pool. */
    private RbdImage openImage(String image, String snapshot, boolean readOnly) {
        String spec = spec(image, snapshot);
        cluster.retain();
        try {
            PointerByReference ref = new PointerByReference();
            CephException.check(readOnly ? LibRbd.INSTANCE.rbd_open_read_only(ioctx(), image, ref, snapshot)
                    : LibRbd.INSTANCE.rbd_open(ioctx(), image, ref, snapshot), readOnly ? "rbd_open_read_only" : "rbd_open",
                    spec);
            return new RbdImage(imageHandle(ref.getValue(), spec), this, snapshot, spec);
        } catch (RuntimeException e) {
            cluster.release();
            throw e;
        }
    }

    /**
     * Whether an image of this name exists: a stat of its id object (format 2) or, failing that, of its
     * header (format 1). A stat is one small OSD operation; opening the image to find out costs ~2 ms
     * of client CPU, a good share of a small image's copy (bench/README.md).
     */
    public boolean imageExists(String image) {
        return objectExists(FORMAT_2_ID_PREFIX + image) || objectExists(image + FORMAT_1_HEADER_SUFFIX);
    }

    private boolean objectExists(String oid) {
        int stat = LibRados.INSTANCE.rados_stat(ioctx(), oid, new LongByReference(), new LongByReference());
        if (stat == -Errno.ENOENT) {
            return false;
        }
        CephException.check(stat, "rados_stat", name + "/" + oid);
        return true;
    }

    public List<String> imageNames() {
        int capacity = IMAGE_LIST_FIRST_CAPACITY;
        while (true) {
            LibRbd.ImageSpec[] specs = (LibRbd.ImageSpec[]) new LibRbd.ImageSpec().toArray(capacity);
            LongByReference count = new LongByReference(capacity);
            int result = LibRbd.INSTANCE.rbd_list2(ioctx(), specs, count);
            if (result == -Errno.ERANGE) {
                capacity = Math.toIntExact(count.getValue());
                continue;
            }
            CephException.check(result, "rbd_list2", name);
            int found = Math.toIntExact(count.getValue());
            try {
                List<String> names = new ArrayList<>(found);
                for (int i = 0; i < found; i++) {
                    specs[i].read();
                    names.add(specs[i].name.getString(0, StandardCharsets.UTF_8.name()));
                }
                return names;
            } finally {
                LibRbd.INSTANCE.rbd_image_spec_list_cleanup(specs, found);
            }
        }
    }

    /** Creates an image; EEXIST when the name is taken. */
    public void createImage(String image, ImageLayout layout) {
        PointerByReference ref = new PointerByReference();
        LibRbd.INSTANCE.rbd_image_options_create(ref);
        Pointer options = ref.getValue();
        try {
            setOption(options, LibRbd.RBD_IMAGE_OPTION_FORMAT, 2);
            setOption(options, LibRbd.RBD_IMAGE_OPTION_ORDER, layout.order());
            setOption(options, LibRbd.RBD_IMAGE_OPTION_FEATURES, layout.features());
            if (layout.hasCustomStriping()) {
                setOption(options, LibRbd.RBD_IMAGE_OPTION_STRIPE_UNIT, layout.stripeUnit());
                setOption(options, LibRbd.RBD_IMAGE_OPTION_STRIPE_COUNT, layout.stripeCount());
            }
            CephException.check(LibRbd.INSTANCE.rbd_create4(ioctx(), image, layout.size(), options),
                    "rbd_create4", spec(image, null));
        } finally {
            LibRbd.INSTANCE.rbd_image_options_destroy(options);
        }
    }

    public void renameImage(String from, String to) {
        CephException.check(LibRbd.INSTANCE.rbd_rename(ioctx(), from, to), "rbd_rename",
                spec(from, null) + " -> " + to);
    }

    /** Removes an image without snapshots. Callers decide that the image is theirs to remove. */
    public void removeImage(String image) {
        CephException.check(LibRbd.INSTANCE.rbd_remove(ioctx(), image), "rbd_remove", spec(image, null));
    }

    /** librbd frees the image even when rbd_close fails, so a failed close is not to be retried. */
    private NativeHandle imageHandle(Pointer image, String spec) {
        return new NativeHandle(image, "image " + spec, handle -> {
            try {
                CephException.check(LibRbd.INSTANCE.rbd_close(handle), "rbd_close", spec);
            } finally {
                cluster.release();
            }
        });
    }

    CephCluster cluster() {
        return cluster;
    }

    /** The live I/O context of a live cluster, else IllegalStateException. */
    Pointer ioctx() {
        cluster.checkOpen();
        return ioctx.get();
    }

    private void setOption(Pointer options, int option, long value) {
        CephException.check(LibRbd.INSTANCE.rbd_image_options_set_uint64(options, option, value),
                "rbd_image_options_set_uint64", "option " + option);
    }

    private String spec(String image, String snapshot) {
        return name + "/" + image + (snapshot == null ? "" : "@" + snapshot);
    }

    /** Destroys the I/O context on the first call; later calls, from any thread, do nothing. */
    @Override
    public void close() {
        ioctx.close();
    }
}
