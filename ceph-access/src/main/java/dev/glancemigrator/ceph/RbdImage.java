package dev.glancemigrator.ceph;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.ByteByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An open RBD image or snapshot. librbd images are thread-safe for I/O; open and close belong to
 * one owner. Every failure is a {@link CephException} naming the call and the image.
 */
public final class RbdImage implements AutoCloseable {

    private static final int METADATA_BUFFER_BYTES = 4096;
    /** librbd's image ids are 12-16 hex digits; room for them and the terminator. */
    private static final int ID_BUFFER_BYTES = 64;
    /** A format 2 image's header object is {@code rbd_header.<id>}; its methods are the {@code rbd} class's. */
    private static final String HEADER_PREFIX = "rbd_header.";
    private static final String RBD_CLASS = "rbd";
    private static final String METADATA_SET_METHOD = "metadata_set";
    /** Keys asked for per call when listing metadata; an image with more is listed in several calls. */
    private static final int METADATA_KEYS_PER_CALL = 256;
    /** Room for this many children at the first call; most snapshots have fewer, a larger answer asks again. */
    private static final int CHILDREN_FIRST_CAPACITY = 16;

    private final NativeHandle handle;
    private final RadosPool pool;
    private final String snapshot;
    private final String spec;

    RbdImage(NativeHandle handle, RadosPool pool, String snapshot, String spec) {
        this.handle = handle;
        this.pool = pool;
        this.snapshot = snapshot;
        this.spec = spec;
    }

    public String spec() {
        return spec;
    }

    public ImageLayout layout() {
        LibRbd.ImageInfo info = new LibRbd.ImageInfo();
        check(LibRbd.INSTANCE.rbd_stat(handle(), info, info.size()), "rbd_stat");
        LongByReference features = new LongByReference();
        LongByReference stripeUnit = new LongByReference();
        LongByReference stripeCount = new LongByReference();
        check(LibRbd.INSTANCE.rbd_get_features(handle(), features), "rbd_get_features");
        check(LibRbd.INSTANCE.rbd_get_stripe_unit(handle(), stripeUnit), "rbd_get_stripe_unit");
        check(LibRbd.INSTANCE.rbd_get_stripe_count(handle(), stripeCount), "rbd_get_stripe_count");
        return new ImageLayout(info.size, info.order, features.getValue(), stripeUnit.getValue(),
                stripeCount.getValue());
    }

    /**
     * The allocated extents of {@code [0, size)}, in offset order. With {@code wholeObject} and
     * fast-diff, librbd answers from the object map (whole objects) without reading data.
     */
    public List<Extent> allocatedExtents(long size, boolean wholeObject) {
        List<Extent> extents = new ArrayList<>();
        if (size == 0) {
            return extents; // librbd 16 asserts (and aborts the process) on a whole-object diff of nothing
        }
        // Held in a local for the whole native call: JNA must not lose the callback while librbd uses it.
        LibRbd.DiffCallback collect = (offset, length, exists, arg) -> {
            if (exists != 0) {
                extents.add(new Extent(offset, length));
            }
            return 0;
        };
        check(LibRbd.INSTANCE.rbd_diff_iterate2(handle(), null, 0, size, (byte) 1, (byte) (wholeObject ? 1 : 0),
                collect, null), "rbd_diff_iterate2");
        extents.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        return extents;
    }

    /**
     * A probe for the all-zero blocks of this image (or snapshot) that asks the OSDs instead of
     * reading; empty when the image is striped, or a clone whose parent still holds some of its
     * data (a missing object of a clone is not a hole). Close it before the image.
     */
    public Optional<ZeroBlockProbe> openZeroBlockProbe(int blockBytes) {
        ImageLayout layout = layout();
        LongByReference parentOverlap = new LongByReference();
        check(LibRbd.INSTANCE.rbd_get_overlap(handle(), parentOverlap), "rbd_get_overlap");
        if (layout.hasCustomStriping() || parentOverlap.getValue() > 0) {
            return Optional.empty();
        }
        return Optional.of(ZeroBlockProbe.open(pool, handle(), snapshot, layout, blockBytes, spec));
    }

    /** Starts reading {@code length} bytes at {@code offset} into {@code buffer} (a {@link Memory} or a share of one). */
    public AioOperation readAsync(long offset, long length, Pointer buffer) {
        return startIo(offset, length, buffer, true);
    }

    /** Starts writing {@code length} bytes from {@code buffer} (a {@link Memory} or a share of one). */
    public AioOperation writeAsync(long offset, long length, Pointer buffer) {
        return startIo(offset, length, buffer, false);
    }

    private AioOperation startIo(long offset, long length, Pointer buffer, boolean read) {
        String call = read ? "rbd_aio_read2" : "rbd_aio_write2";
        Pointer image = handle(); // before the completion, which a closed image would leak
        PointerByReference ref = new PointerByReference();
        check(LibRbd.INSTANCE.rbd_aio_create_completion(null, null, ref), "rbd_aio_create_completion");
        Pointer completion = ref.getValue();
        int started = read
                ? LibRbd.INSTANCE.rbd_aio_read2(image, offset, length, buffer, completion, 0)
                : LibRbd.INSTANCE.rbd_aio_write2(image, offset, length, buffer, completion, 0);
        if (started < 0) {
            LibRbd.INSTANCE.rbd_aio_release(completion);
            throw new CephException(call, spec + " at " + offset, -started);
        }
        String description = call + " " + spec + " at " + offset + "+" + length;
        return new AioOperation(new NativeHandle(completion, description, AioOperation::waitAndRelease), buffer,
                description);
    }

    public void flush() {
        check(LibRbd.INSTANCE.rbd_flush(handle()), "rbd_flush");
    }

    public boolean snapshotExists(String snapshot) {
        ByteByReference exists = new ByteByReference();
        check(LibRbd.INSTANCE.rbd_snap_exists(handle(), snapshot, exists), "rbd_snap_exists");
        return exists.getValue() != 0;
    }

    public boolean snapshotProtected(String snapshot) {
        IntByReference isProtected = new IntByReference();
        check(LibRbd.INSTANCE.rbd_snap_is_protected(handle(), snapshot, isProtected), "rbd_snap_is_protected");
        return isProtected.getValue() != 0;
    }

    public void createSnapshot(String snapshot) {
        check(LibRbd.INSTANCE.rbd_snap_create(handle(), snapshot), "rbd_snap_create");
    }

    public void protectSnapshot(String snapshot) {
        check(LibRbd.INSTANCE.rbd_snap_protect(handle(), snapshot), "rbd_snap_protect");
    }

    public void unprotectSnapshot(String snapshot) {
        check(LibRbd.INSTANCE.rbd_snap_unprotect(handle(), snapshot), "rbd_snap_unprotect");
    }

    public void removeSnapshot(String snapshot) {
        check(LibRbd.INSTANCE.rbd_snap_remove(handle(), snapshot), "rbd_snap_remove");
    }

    /**
     * The clone children of the snapshot this image was opened at, in every pool the client may read
     * (a pool it may not read fails the call: a partial answer would look like "no children").
     */
    public List<LinkedImage> children() {
        if (snapshot == null) {
            throw new IllegalStateException(spec + " was not opened at a snapshot: only snapshots have children");
        }
        int capacity = CHILDREN_FIRST_CAPACITY;
        while (true) {
            LibRbd.LinkedImageSpec[] specs = (LibRbd.LinkedImageSpec[]) new LibRbd.LinkedImageSpec().toArray(capacity);
            LongByReference count = new LongByReference(capacity);
            int result = LibRbd.INSTANCE.rbd_list_children3(handle(), specs, count);
            if (result == -Errno.ERANGE) {
                capacity = Math.toIntExact(count.getValue()); // children were added since: ask again with room
                continue;
            }
            check(result, "rbd_list_children3");
            int found = Math.toIntExact(count.getValue());
            try {
                List<LinkedImage> children = new ArrayList<>(found);
                for (int i = 0; i < found; i++) {
                    specs[i].read();
                    children.add(new LinkedImage(specs[i].pool_id, text(specs[i].pool_name),
                            text(specs[i].pool_namespace), text(specs[i].image_id), text(specs[i].image_name),
                            specs[i].trash != 0));
                }
                return children;
            } finally {
                LibRbd.INSTANCE.rbd_linked_image_spec_list_cleanup(specs, found);
            }
        }
    }

    private static String text(Pointer cString) {
        return cString == null ? "" : cString.getString(0, StandardCharsets.UTF_8.name());
    }

    public Optional<String> metadata(String key) {
        byte[] value = new byte[METADATA_BUFFER_BYTES];
        LongByReference length = new LongByReference(value.length);
        int result = LibRbd.INSTANCE.rbd_metadata_get(handle(), key, value, length);
        if (result == -Errno.ERANGE) {
            value = new byte[Math.toIntExact(length.getValue())];
            result = LibRbd.INSTANCE.rbd_metadata_get(handle(), key, value, length);
        }
        if (result == -Errno.ENOENT) {
            return Optional.empty();
        }
        check(result, "rbd_metadata_get");
        int end = (int) length.getValue();
        while (end > 0 && value[end - 1] == 0) {
            end--; // the C string's terminator
        }
        return Optional.of(new String(value, 0, end, StandardCharsets.UTF_8));
    }

    /**
     * Every metadata key of the image whose name starts with {@code prefix}, with its value, in key
     * order: one call to the OSD for up to {@value #METADATA_KEYS_PER_CALL} keys, where a
     * {@link #metadata(String)} per key is one call each. Values are text: librbd hands them over
     * separated by NULs.
     */
    public SortedMap<String, String> metadataStartingWith(String prefix) {
        SortedMap<String, String> found = new TreeMap<>();
        String after = prefix;
        while (true) {
            byte[] keys = new byte[METADATA_BUFFER_BYTES];
            byte[] values = new byte[METADATA_BUFFER_BYTES];
            LongByReference keysLength = new LongByReference(keys.length);
            LongByReference valuesLength = new LongByReference(values.length);
            int result = LibRbd.INSTANCE.rbd_metadata_list(handle(), after, METADATA_KEYS_PER_CALL, keys, keysLength,
                    values, valuesLength);
            if (result == -Errno.ERANGE) {
                keys = new byte[Math.toIntExact(keysLength.getValue())];
                values = new byte[Math.toIntExact(valuesLength.getValue())];
                result = LibRbd.INSTANCE.rbd_metadata_list(handle(), after, METADATA_KEYS_PER_CALL, keys, keysLength,
                        values, valuesLength);
            }
            check(result, "rbd_metadata_list");
            List<String> keyList = nulSeparated(keys, keysLength.getValue());
            List<String> valueList = nulSeparated(values, valuesLength.getValue());
            for (int i = 0; i < keyList.size(); i++) {
                if (keyList.get(i).startsWith(prefix)) {
                    found.put(keyList.get(i), valueList.get(i));
                }
            }
            // Keys come in order, so the first past the prefix ends the listing.
            if (keyList.size() < METADATA_KEYS_PER_CALL || !keyList.get(keyList.size() - 1).startsWith(prefix)) {
                return found;
            }
            after = keyList.get(keyList.size() - 1);
        }
    }

    /** librbd's lists of strings: each one followed by a NUL. */
    private static List<String> nulSeparated(byte[] bytes, long length) {
        List<String> strings = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                strings.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return strings;
    }

    public void setMetadata(String key, String value) {
        check(LibRbd.INSTANCE.rbd_metadata_set(handle(), key, value), "rbd_metadata_set");
    }

    /**
     * Sets several metadata keys in one write to the image's header (the OSD method behind
     * {@code rbd_metadata_set} takes a map). Unlike {@link #setMetadata(String, String)} it notifies no
     * other client of the image: each notification is a round trip through the OSD and makes this
     * handle read the header again, several OSD operations per key. So it is for an image no one
     * else uses meanwhile (a copier's staging image under its exclusive lock), and never for the
     * {@code conf_} keys librbd reads as configuration. A format 2 image, whose pool is still open.
     */
    public void setMetadata(Map<String, String> entries) {
        ByteArrayOutputStream map = new ByteArrayOutputStream();
        writeLittleEndian(map, entries.size());
        entries.forEach((key, value) -> {
            writeEncoded(map, key.getBytes(StandardCharsets.UTF_8));
            writeEncoded(map, value.getBytes(StandardCharsets.UTF_8));
        });
        byte[] in = map.toByteArray();
        check(LibRados.INSTANCE.rados_exec(pool.ioctx(), HEADER_PREFIX + id(), RBD_CLASS, METADATA_SET_METHOD, in, in.length,
                new byte[0], 0), "metadata_set (rbd class, " + entries.size() + " keys)");
    }

    /** The image's id, which names its header object. */
    private String id() {
        byte[] id = new byte[ID_BUFFER_BYTES];
        check(LibRbd.INSTANCE.rbd_get_id(handle(), id, id.length), "rbd_get_id");
        int end = 0;
        while (end < id.length && id[end] != 0) {
            end++;
        }
        return new String(id, 0, end, StandardCharsets.US_ASCII);
    }

    /** Ceph's encoding of a string or byte list: its length as a 32-bit little-endian number, then the bytes. */
    private static void writeEncoded(ByteArrayOutputStream out, byte[] bytes) {
        writeLittleEndian(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeLittleEndian(ByteArrayOutputStream out, int value) {
        for (int shift = 0; shift < Integer.SIZE; shift += Byte.SIZE) {
            out.write(value >>> shift);
        }
    }

    /**
     * Takes the image's exclusive lock and keeps it against other clients' requests (they get
     * EROFS or EBUSY) until {@link #releaseLock()} or close. A dead holder's lock is broken by librbd.
     */
    public void acquireExclusiveLock() {
        check(LibRbd.INSTANCE.rbd_lock_acquire(handle(), LibRbd.RBD_LOCK_MODE_EXCLUSIVE), "rbd_lock_acquire");
    }

    public void releaseLock() {
        check(LibRbd.INSTANCE.rbd_lock_release(handle()), "rbd_lock_release");
    }

    /**
     * The live image of a live cluster, else IllegalStateException. The pool may be closed: the
     * image has an I/O context of its own, but it lives in the cluster's client.
     */
    private Pointer handle() {
        pool.cluster().checkOpen();
        return handle.get();
    }

    private void check(long result, String call) {
        CephException.check(result, call, spec);
    }

    /**
     * Closes the image on the first call (throwing if librbd reports a failure, after which the
     * image is closed all the same); later calls, from any thread, do nothing.
     */
    @Override
    public void close() {
        handle.close();
    }
}
