package dev.glancemigrator.copier.copy;

import dev.glancemigrator.ceph.Extent;
import java.util.ArrayList;
import java.util.List;

/** Splits allocated extents at object boundaries, so each read and write touches one object. */
final class ChunkPlan {

    private ChunkPlan() {
    }

    static List<Chunk> of(List<Extent> extents, long objectSize, long imageSize) {
        List<Chunk> chunks = new ArrayList<>();
        for (Extent extent : extents) {
            long offset = extent.offset();
            long end = Math.min(extent.end(), imageSize);
            while (offset < end) {
                long objectEnd = (offset / objectSize + 1) * objectSize;
                long chunkEnd = Math.min(end, objectEnd);
                chunks.add(new Chunk(offset, Math.toIntExact(chunkEnd - offset)));
                offset = chunkEnd;
            }
        }
        return chunks;
    }
}
