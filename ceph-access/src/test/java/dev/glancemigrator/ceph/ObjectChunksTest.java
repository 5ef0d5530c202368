package dev.glancemigrator.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectChunksTest {

    private static final long OBJECT = 8;

    @Test
    void extentsAreSplitAtObjectBoundaries() {
        assertEquals(List.of(new Extent(5, 3), new Extent(8, 8), new Extent(16, 2)),
                ObjectChunks.of(List.of(new Extent(5, 13)), OBJECT, 100));
    }

    @Test
    void theLastObjectIsClippedToTheImageSize() {
        assertEquals(List.of(new Extent(16, 4)), ObjectChunks.of(List.of(new Extent(16, 8)), OBJECT, 20));
    }

    @Test
    void noExtentsMeanNothingToCopy() {
        assertEquals(List.of(), ObjectChunks.of(List.of(), OBJECT, 20));
    }
}
