package dev.glancemigrator.ceph;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.ByteByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/** The librbd calls this binding uses, as declared in rbd/librbd.h (Ceph 16). See {@link LibRados}. */
interface LibRbd extends Library {

    LibRbd INSTANCE = Native.load("librbd.so.1", LibRbd.class);

    int RBD_IMAGE_OPTION_FORMAT = 0;
    int RBD_IMAGE_OPTION_FEATURES = 1;
    int RBD_IMAGE_OPTION_ORDER = 2;
    int RBD_IMAGE_OPTION_STRIPE_UNIT = 3;
    int RBD_IMAGE_OPTION_STRIPE_COUNT = 4;
    int RBD_LOCK_MODE_EXCLUSIVE = 0;
    int RBD_MAX_BLOCK_NAME_SIZE = 24;
    int RBD_MAX_IMAGE_NAME_SIZE = 96;

    /**
     * rbd_image_info_t, filled by rbd_stat. librbd still writes the deprecated fields, so they are
     * declared too: the struct must be as large as librbd's.
     */
    @Structure.FieldOrder({"size", "obj_size", "num_objs", "order", "block_name_prefix", "parent_pool",
            "parent_name"})
    class ImageInfo extends Structure {
        public long size;
        public long obj_size;
        public long num_objs;
        public int order;
        public byte[] block_name_prefix = new byte[RBD_MAX_BLOCK_NAME_SIZE];
        public long parent_pool;
        public byte[] parent_name = new byte[RBD_MAX_IMAGE_NAME_SIZE];
    }

    /** rbd_linked_image_spec_t: one clone child, as rbd_list_children3 fills an array of them. */
    @Structure.FieldOrder({"pool_id", "pool_name", "pool_namespace", "image_id", "image_name", "trash"})
    class LinkedImageSpec extends Structure {
        public long pool_id;
        public Pointer pool_name;
        public Pointer pool_namespace;
        public Pointer image_id;
        public Pointer image_name;
        public byte trash;
    }

    /** rbd_image_spec_t: one image of a pool, as rbd_list2 fills an array of them. */
    @Structure.FieldOrder({"id", "name"})
    class ImageSpec extends Structure {
        public Pointer id;
        public Pointer name;
    }

    /** The per-extent callback of rbd_diff_iterate2; return non-zero to stop. */
    interface DiffCallback extends Callback {
        int invoke(long offset, long length, int exists, Pointer arg);
    }

    int rbd_open(Pointer ioctx, String name, PointerByReference image, String snapName);

    int rbd_open_read_only(Pointer ioctx, String name, PointerByReference image, String snapName);

    int rbd_close(Pointer image);

    int rbd_stat(Pointer image, ImageInfo info, long infoSize);

    int rbd_get_features(Pointer image, LongByReference features);

    int rbd_get_stripe_unit(Pointer image, LongByReference stripeUnit);

    int rbd_get_stripe_count(Pointer image, LongByReference stripeCount);

    int rbd_diff_iterate2(Pointer image, String fromSnapName, long offset, long length, byte includeParent,
            byte wholeObject, DiffCallback callback, Pointer arg);

    int rbd_aio_create_completion(Pointer callbackArg, Callback completeCallback, PointerByReference completion);

    int rbd_aio_read2(Pointer image, long offset, long length, Pointer buf, Pointer completion, int opFlags);

    int rbd_aio_write2(Pointer image, long offset, long length, Pointer buf, Pointer completion, int opFlags);

    int rbd_aio_wait_for_complete(Pointer completion);

    long rbd_aio_get_return_value(Pointer completion);

    void rbd_aio_release(Pointer completion);

    int rbd_flush(Pointer image);

    void rbd_image_options_create(PointerByReference options);

    void rbd_image_options_destroy(Pointer options);

    int rbd_image_options_set_uint64(Pointer options, int option, long value);

    int rbd_create4(Pointer ioctx, String name, long size, Pointer options);

    int rbd_remove(Pointer ioctx, String name);

    int rbd_rename(Pointer ioctx, String from, String to);

    int rbd_snap_exists(Pointer image, String snapName, ByteByReference exists);

    int rbd_snap_create(Pointer image, String snapName);

    int rbd_snap_protect(Pointer image, String snapName);

    int rbd_snap_unprotect(Pointer image, String snapName);

    int rbd_snap_is_protected(Pointer image, String snapName, IntByReference isProtected);

    int rbd_snap_remove(Pointer image, String snapName);

    int rbd_metadata_get(Pointer image, String key, byte[] value, LongByReference valueLength);

    int rbd_metadata_set(Pointer image, String key, String value);

    int rbd_metadata_list(Pointer image, String start, long max, byte[] keys, LongByReference keysLength, byte[] values,
            LongByReference valuesLength);

    int rbd_lock_acquire(Pointer image, int lockMode);

    int rbd_lock_release(Pointer image);

    int rbd_get_id(Pointer image, byte[] id, long idLength);

    int rbd_get_block_name_prefix(Pointer image, byte[] prefix, long prefixLength);

    long rbd_get_data_pool_id(Pointer image);

    int rbd_get_overlap(Pointer image, LongByReference overlap);

    int rbd_snap_get_id(Pointer image, String snapName, LongByReference snapId);

    int rbd_list_children3(Pointer image, LinkedImageSpec[] images, LongByReference maxImages);

    void rbd_linked_image_spec_list_cleanup(LinkedImageSpec[] images, long numImages);

    int rbd_list2(Pointer ioctx, ImageSpec[] images, LongByReference maxImages);

    void rbd_image_spec_list_cleanup(ImageSpec[] images, long numImages);
}
