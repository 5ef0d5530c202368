package dev.glancemigrator.events.manifest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The copy manifest: one digest per RBD object of {@code [0, imageSize)}, holes read as zeros, so
 * a verifier can compare the target object by object. Data must arrive in offset order, each piece
 * within one object; whatever was not given is zeros. The copier makes it of the source; the
 * verifier makes it again of the target and compares.
 */
public final class ObjectDigests {

    /** The algorithm of the per-object digests, as the manifest names it and as Java does. */
    public static final String ALGORITHM = "sha256";
    public static final String JAVA_ALGORITHM = "SHA-256";

    private static final int ZERO_FEED_BYTES = 1 << 16;
    private static final byte[] ZEROS = new byte[ZERO_FEED_BYTES];

    private final String algorithm;
    private final long objectSize;
    private final long imageSize;
    private final List<String> digests = new ArrayList<>();
    private final Map<Long, String> zeroObjectDigests = new HashMap<>();
    private MessageDigest current;
    private long fedInCurrent;

    public ObjectDigests(String algorithm, long objectSize, long imageSize) {
        this.algorithm = algorithm;
        this.objectSize = objectSize;
        this.imageSize = imageSize;
    }

    public void add(long offset, byte[] data, int length) {
        long object = offset / objectSize;
        if ((offset + length - 1) / objectSize != object) {
            throw new IllegalArgumentException("data at " + offset + "+" + length + " spans objects");
        }
        while (digests.size() < object) {
            closeObject();
        }
        long within = offset - object * objectSize;
        if (within < fedInCurrent) {
            throw new IllegalArgumentException("data at " + offset + " is out of order");
        }
        feedZeros(within - fedInCurrent);
        digest().update(data, 0, length);
        fedInCurrent += length;
    }

    /** Every object's digest, hex, in object order. */
    public List<String> finish() {
        long objects = (imageSize + objectSize - 1) / objectSize;
        while (digests.size() < objects) {
            closeObject();
        }
        return List.copyOf(digests);
    }

    /** The manifest as stored: one digest a line. */
    public static byte[] render(List<String> digests) {
        StringBuilder text = new StringBuilder();
        digests.forEach(digest -> text.append(digest).append('\n'));
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** SHA-256 of the rendered manifest: what the {@code copied} event carries. */
    public static String digestOf(byte[] rendered) {
        return HexFormat.of().formatHex(newDigest("SHA-256").digest(rendered));
    }

    /** The digests of a stored manifest, one a line. */
    public static List<String> parse(byte[] rendered) {
        String text = new String(rendered, StandardCharsets.US_ASCII);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private void closeObject() {
        long object = digests.size();
        long length = Math.min(objectSize, imageSize - object * objectSize);
        if (current == null) {
            digests.add(zeroObjectDigests.computeIfAbsent(length, this::digestOfZeros));
        } else {
            feedZeros(length - fedInCurrent);
            digests.add(HexFormat.of().formatHex(current.digest()));
        }
        current = null;
        fedInCurrent = 0;
    }

    private String digestOfZeros(long length) {
        MessageDigest zeros = newDigest(algorithm);
        for (long left = length; left > 0; left -= ZERO_FEED_BYTES) {
            zeros.update(ZEROS, 0, (int) Math.min(left, ZERO_FEED_BYTES));
        }
        return HexFormat.of().formatHex(zeros.digest());
    }

    private void feedZeros(long count) {
        for (long left = count; left > 0; left -= ZERO_FEED_BYTES) {
            digest().update(ZEROS, 0, (int) Math.min(left, ZERO_FEED_BYTES));
        }
        fedInCurrent += Math.max(0, count);
    }

    private MessageDigest digest() {
        if (current == null) {
            current = newDigest(algorithm);
        }
        return current;
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }
}
