package dev.glancemigrator.ceph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * xxHash64 (the reference algorithm), the checksum an OSD computes for a RADOS checksum op of type
 * XXHASH64. Used to know, without asking the OSD, what a block of zeros checksums to.
 */
final class Xxh64 {

    private static final long PRIME1 = 0x9E3779B185EBCA87L;
    private static final long PRIME2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME3 = 0x165667B19E3779F9L;
    private static final long PRIME4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME5 = 0x27D4EB2F165667C5L;
    private static final int STRIPE = 32;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Xxh64() {
    }

    static long hash(byte[] data, long seed) {
        int p = 0;
        int end = data.length;
        long h;
        if (end >= STRIPE) {
            long v1 = seed + PRIME1 + PRIME2;
            long v2 = seed + PRIME2;
            long v3 = seed;
            long v4 = seed - PRIME1;
            for (; p <= end - STRIPE; p += STRIPE) {
                v1 = round(v1, (long) LONGS.get(data, p));
                v2 = round(v2, (long) LONGS.get(data, p + 8));
                v3 = round(v3, (long) LONGS.get(data, p + 16));
                v4 = round(v4, (long) LONGS.get(data, p + 24));
            }
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = merge(h, v1);
            h = merge(h, v2);
            h = merge(h, v3);
            h = merge(h, v4);
        } else {
            h = seed + PRIME5;
        }
        h += end;
        for (; p + 8 <= end; p += 8) {
            h ^= round(0, (long) LONGS.get(data, p));
            h = Long.rotateLeft(h, 27) * PRIME1 + PRIME4;
        }
        if (p + 4 <= end) {
            h ^= ((int) INTS.get(data, p) & 0xFFFFFFFFL) * PRIME1;
            h = Long.rotateLeft(h, 23) * PRIME2 + PRIME3;
            p += 4;
        }
        for (; p < end; p++) {
            h ^= (data[p] & 0xFFL) * PRIME5;
            h = Long.rotateLeft(h, 11) * PRIME1;
        }
        h ^= h >>> 33;
        h *= PRIME2;
        h ^= h >>> 29;
        h *= PRIME3;
        h ^= h >>> 32;
        return h;
    }

    private static long round(long accumulator, long input) {
        return Long.rotateLeft(accumulator + input * PRIME2, 31) * PRIME1;
    }

    private static long merge(long h, long accumulator) {
        return (h ^ round(0, accumulator)) * PRIME1 + PRIME4;
    }
}
