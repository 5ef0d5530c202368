package dev.glancemigrator.verifier.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest of bytes {@code [0, size)} of an image, holes as zeros, fed in offset order: what
 * Glance computed over the upload stream, zeros included.
 */
final class WholeImageDigest {

    private static final int ZERO_FEED_BYTES = 1 << 20;
    private static final byte[] ZEROS = new byte[ZERO_FEED_BYTES];

    private final MessageDigest digest;
    private final long size;
    private long position;

    WholeImageDigest(String javaAlgorithm, long size) {
        try {
            this.digest = MessageDigest.getInstance(javaAlgorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(javaAlgorithm + " is not available in this JVM", e);
        }
        this.size = size;
    }

    void add(long offset, byte[] data, int length) {
        if (offset < position) {
            throw new IllegalArgumentException("data at " + offset + " is out of order (at " + position + ")");
        }
        zerosUpTo(offset);
        digest.update(data, 0, length);
        position = offset + length;
    }

    String finish() {
        zerosUpTo(size);
        return HexFormat.of().formatHex(digest.digest());
    }

    private void zerosUpTo(long offset) {
        while (position < offset) {
            int n = (int) Math.min(ZERO_FEED_BYTES, offset - position);
            digest.update(ZEROS, 0, n);
            position += n;
        }
    }
}
