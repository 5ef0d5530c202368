package dev.glancemigrator.copier.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glancemigrator.ceph.Extent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPlanTest {

    private static final long OBJECT = 8;

    @Test
    void extentsAreSplitAtObjectBoundaries() {
        assertEquals(List.of(new Chunk(5, 3), new Chunk(8, 8), new Chunk(16, 2)),
                ChunkPlan.of(List.of(new Extent(5, 13)), OBJECT, 100));
    }

    @Test
    void theLastObjectIsClippedToTheImageSize() {
        assertEquals(List.of(new Chunk(16, 4)), ChunkPlan.of(List.of(new Extent(16, 8)), OBJECT, 20));
    }

    @Test
    void noExtentsMeanNothingToCopy() {
        assertEquals(List.of(), ChunkPlan.of(List.of(), OBJECT, 20));
    }
}
