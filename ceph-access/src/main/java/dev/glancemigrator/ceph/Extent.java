package dev.glancemigrator.ceph;

/** A byte range of an image: {@code [offset, offset + length)}. */
public record Extent(long offset, long length) {

    public long end() {
        return offset + length;
    }
}
