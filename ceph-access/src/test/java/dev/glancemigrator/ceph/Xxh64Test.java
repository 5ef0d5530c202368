package dev.glancemigrator.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Xxh64Test {

    @Test
    void matchesTheReferenceVectors() {
        assertEquals(0xEF46DB3751D8E999L, Xxh64.hash(new byte[0], 0));
        assertEquals(0x44BC2CF5AD770999L, Xxh64.hash("abc".getBytes(StandardCharsets.US_ASCII), 0));
    }

    @Test
    void matchesWhatAnOsdReturnedForFourKibOfZeros() {
        // read off a Ceph 16.2 OSD here: checksum op, XXHASH64, seed 0, one 4096-byte block of zeros
        assertEquals(0xAC869B6F32D8BBDBL, Xxh64.hash(new byte[4096], 0));
    }
}
