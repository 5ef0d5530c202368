package dev.glancemigrator.ceph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JNA declarations of the structs librbd and librados fill, against where the C side puts each
 * field. A field JNA places elsewhere reads another field's bytes with no error anywhere, so each
 * layout is checked both ways: bytes put at the C offsets must read back as the fields, and fields
 * written must land at the C offsets.
 */
class StructLayoutTest {

    /*
     * rbd_image_info_t of rbd/librbd.h (Ceph 16.2.15), as gcc lays it out on x86_64: sizeof and
     * offsetof of each field, printed by a C program compiled against the Debian header.
     */
    private static final int IMAGE_INFO_BYTES = 160;
    private static final int SIZE = 0;
    private static final int OBJ_SIZE = 8;
    private static final int NUM_OBJS = 16;
    private static final int ORDER = 24;
    private static final int BLOCK_NAME_PREFIX = 28;
    private static final int PARENT_POOL = 56;
    private static final int PARENT_NAME = 64;

    @BeforeAll
    static void onX8664() {
        assumeTrue(Set.of("amd64", "x86_64").contains(System.getProperty("os.arch")),
                "the offsets are x86_64's");
    }

    @Test
    void imageInfoIsAsLargeAsLibrbdsSoRbdStatWritesNoFurther() {
        assertEquals(IMAGE_INFO_BYTES, new LibRbd.ImageInfo().size());
    }

    @Test
    void imageInfoReadsEachFieldFromItsCOffset() {
        LibRbd.ImageInfo info = new LibRbd.ImageInfo();
        Pointer memory = info.getPointer();
        memory.setLong(SIZE, 20L << 20);
        memory.setLong(OBJ_SIZE, 4L << 20);
        memory.setLong(NUM_OBJS, 5);
        memory.setInt(ORDER, 22);
        memory.setString(BLOCK_NAME_PREFIX, "rbd_data.1234abcd");
        memory.setLong(PARENT_POOL, -1);
        memory.setString(PARENT_NAME, "parent");
        info.read();
        assertEquals(20L << 20, info.size);
        assertEquals(4L << 20, info.obj_size);
        assertEquals(5, info.num_objs);
        assertEquals(22, info.order);
        assertEquals("rbd_data.1234abcd", new String(info.block_name_prefix, 0, 17, StandardCharsets.US_ASCII));
        assertEquals(-1, info.parent_pool);
        assertEquals('p', info.parent_name[0]);
        assertEquals(LibRbd.RBD_MAX_BLOCK_NAME_SIZE, info.block_name_prefix.length);
        assertEquals(LibRbd.RBD_MAX_IMAGE_NAME_SIZE, info.parent_name.length);
    }

    @Test
    void imageInfoWritesEachFieldAtItsCOffset() {
        LibRbd.ImageInfo info = new LibRbd.ImageInfo();
        info.size = 1;
        info.obj_size = 2;
        info.num_objs = 3;
        info.order = 4;
        info.block_name_prefix[0] = 5;
        info.block_name_prefix[LibRbd.RBD_MAX_BLOCK_NAME_SIZE - 1] = 6;
        info.parent_pool = 7;
        info.parent_name[0] = 8;
        info.parent_name[LibRbd.RBD_MAX_IMAGE_NAME_SIZE - 1] = 9;
        info.write();
        Pointer memory = info.getPointer();
        assertEquals(1, memory.getLong(SIZE));
        assertEquals(2, memory.getLong(OBJ_SIZE));
        assertEquals(3, memory.getLong(NUM_OBJS));
        assertEquals(4, memory.getInt(ORDER));
        assertEquals(5, memory.getByte(BLOCK_NAME_PREFIX));
        assertEquals(6, memory.getByte(BLOCK_NAME_PREFIX + LibRbd.RBD_MAX_BLOCK_NAME_SIZE - 1));
        assertEquals(7, memory.getLong(PARENT_POOL));
        assertEquals(8, memory.getByte(PARENT_NAME));
        assertEquals(9, memory.getByte(IMAGE_INFO_BYTES - 1));
    }

    /*
     * The checksum op's answer is no C struct but the OSD's encoding: a 32-bit count, then the
     * 64-bit checksums right after it (at 4, not at an aligned 8).
     */
    @Test
    void checksumReplyIsACountThenPackedChecksums() {
        LibRados.ChecksumReply reply = new LibRados.ChecksumReply(3);
        assertEquals(Integer.BYTES + 3 * Long.BYTES, reply.size());
        Pointer memory = reply.getPointer();
        memory.setInt(0, 2);
        memory.setLong(4, 0xAC869B6F32D8BBDBL);
        memory.setLong(12, -1L);
        memory.setLong(20, 42L);
        reply.read();
        assertEquals(2, reply.count);
        assertArrayEquals(new long[] {0xAC869B6F32D8BBDBL, -1L, 42L}, reply.checksums);
    }

    @Test
    void checksumReplyIsNotCopiedAroundCalls(/* the OSD answers at completion, after the call queued the op */) {
        LibRados.ChecksumReply reply = new LibRados.ChecksumReply(1);
        assertFalse(reply.getAutoRead());
        assertFalse(reply.getAutoWrite());
    }

    /*
     * rbd_linked_image_spec_t (int64_t, four char *, bool) and rbd_image_spec_t (two char *) of
     * rbd/librbd.h (Ceph 16.2.15) on x86_64: librbd fills arrays of them, so a wrong size shifts
     * every element after the first.
     */
    private static final int LINKED_IMAGE_SPEC_BYTES = 48;
    private static final int LINKED_IMAGE_NAME = 32;
    private static final int LINKED_TRASH = 40;
    private static final int IMAGE_SPEC_BYTES = 16;

    @Test
    void linkedImageSpecArrayElementsAreWhereLibrbdPutsThem() {
        LibRbd.LinkedImageSpec[] specs = (LibRbd.LinkedImageSpec[]) new LibRbd.LinkedImageSpec().toArray(2);
        assertEquals(LINKED_IMAGE_SPEC_BYTES, specs[0].size());
        Pointer memory = specs[0].getPointer();
        memory.setLong(LINKED_IMAGE_SPEC_BYTES, 7);
        memory.setPointer(LINKED_IMAGE_SPEC_BYTES + LINKED_IMAGE_NAME, memory);
        memory.setByte(LINKED_IMAGE_SPEC_BYTES + LINKED_TRASH, (byte) 1);
        specs[1].read();
        assertEquals(7, specs[1].pool_id);
        assertEquals(memory, specs[1].image_name);
        assertEquals(1, specs[1].trash);
    }

    @Test
    void imageSpecIsTwoPointers() {
        LibRbd.ImageSpec[] specs = (LibRbd.ImageSpec[]) new LibRbd.ImageSpec().toArray(2);
        assertEquals(IMAGE_SPEC_BYTES, specs[0].size());
        Pointer memory = specs[0].getPointer();
        memory.setPointer(IMAGE_SPEC_BYTES + Long.BYTES, memory);
        specs[1].read();
        assertEquals(memory, specs[1].name);
    }
}
