package dev.glancemigrator.planner.plan;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A Glance location URL, read the way glance_store's rbd driver reads it: {@code rbd://} followed by
 * either four {@code /}-separated, percent-encoded parts ({@code fsid/pool/image/snapshot}) or a
 * single image name (the pre-fsid form, whose cluster cannot be told). Anything else is kept as
 * {@link Unhandled} with what made it so, for the plan's out-of-scope reasons.
 */
public sealed interface RbdLocation permits RbdLocation.Full, RbdLocation.ImageOnly, RbdLocation.Unhandled {

    String RBD_SCHEME = "rbd";

    /** {@code rbd://fsid/pool/image/snapshot}: the only form the planner copies from. */
    record Full(String fsid, String pool, String image, String snapshot) implements RbdLocation {

        /** Whether this is the given cluster (fsid, compared ignoring case as Ceph does) and pool. */
        public boolean isOn(String sourceFsid, String sourcePool) {
            return fsid.equalsIgnoreCase(sourceFsid) && pool.equals(sourcePool);
        }
    }

    /** {@code rbd://image}: no fsid, so which cluster it is on is not recorded. */
    record ImageOnly(String image) implements RbdLocation {
    }

    /** A location the planner does not handle: another scheme, or an rbd URL of another shape. */
    record Unhandled(String why) implements RbdLocation {
    }

    static RbdLocation parse(String url) {
        if (url == null || url.isBlank()) {
            return new Unhandled("empty location");
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            return new Unhandled("not a URL");
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals(RBD_SCHEME)) {
            return new Unhandled("location scheme " + scheme + ":// is not handled");
        }
        String[] raw = url.substring(schemeEnd + "://".length()).split("/", -1);
        String[] parts = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            Optional<String> decoded = percentDecode(raw[i]);
            if (decoded.isEmpty() || decoded.get().isEmpty()) {
                return new Unhandled("rbd location with an empty or badly encoded part");
            }
            parts[i] = decoded.get();
        }
        return switch (parts.length) {
            case 1 -> new ImageOnly(parts[0]);
            case 4 -> new Full(parts[0], parts[1], parts[2], parts[3]);
            default -> new Unhandled("rbd location with " + parts.length + " parts (expected 1 or 4)");
        };
    }

    /**
     * RFC 3986 percent-decoding into UTF-8. Unlike {@code URLDecoder} it leaves {@code +} alone (a
     * form encoding, not a URL one) and refuses a truncated escape or bytes that are not UTF-8.
     */
    private static Optional<String> percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return Optional.of(text);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high << 4 | low);
                i += 3;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(encoded, 0, encoded.length);
                i++;
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
