package dev.glancemigrator.ceph;

import java.util.ArrayList;
import java.util.List;

/** Splits extents at object boundaries, so each read and write touches one object. */
public final class ObjectChunks {

    private ObjectChunks() {
    }

    /** The pieces of {@code extents} within {@code [0, imageSize)}, each inside one object, in order. */
    public static List<Extent> of(List<Extent> extents, long objectSize, long imageSize) {
        List<Extent> chunks = new ArrayList<>();
        for (Extent extent : extents) {
            long offset = extent.offset();
            long end = Math.min(extent.end(), imageSize);
            while (offset < end) {
                long objectEnd = (offset / objectSize + 1) * objectSize;
                long chunkEnd = Math.min(end, objectEnd);
                chunks.add(new Extent(offset, chunkEnd - offset));
                offset = chunkEnd;
            }
        }
        return chunks;
    }
}
