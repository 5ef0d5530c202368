package dev.glancemigrator.verifier.verify;

import com.sun.jna.Pointer;
import java.util.HexFormat;

/**
 * The digest of bytes {@code [0, size)} of an image, holes as zeros, fed in offset order: what
 * Glance computed over the upload stream, zeros included.
 */
final class WholeImageDigest {

    private final DigestEngine digest;
    private final long size;
    private long position;

    WholeImageDigest(RecordedHash hash, long size) {
        this.digest = DigestEngine.of(hash.algorithm(), hash.javaAlgorithm());
        this.size = size;
    }

    /** The chunk at {@code offset}, in its native buffer and its heap copy (the same bytes). */
    void add(long offset, Pointer nativeData, byte[] heapData, int length) {
        if (offset < position) {
            throw new IllegalArgumentException("data at " + offset + " is out of order (at " + position + ")");
        }
        digest.zeros(offset - position);
        digest.update(nativeData, heapData, length);
        position = offset + length;
    }

    String finish() {
        digest.zeros(size - position);
        return HexFormat.of().formatHex(digest.finish());
    }
}
