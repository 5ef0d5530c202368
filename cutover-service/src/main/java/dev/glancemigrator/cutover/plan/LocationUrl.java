package dev.glancemigrator.cutover.plan;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An rbd store location as Glance writes it: {@code rbd://<fsid>/<pool>/<image>/<snapshot>}, each part
 * percent-encoded the way Python's {@code urllib.parse.quote(part, '')} does. Parsed and rebuilt, never
 * edited as text.
 */
public record LocationUrl(String fsid, String pool, String image, String snapshot) {

    private static final String SCHEME = "rbd://";

    /** The URL's parts, or empty when it is not a four-part rbd URL (other stores, old one-part form). */
    public static Optional<LocationUrl> parse(String value) {
        if (value == null || !value.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String[] parts = value.substring(SCHEME.length()).split("/", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new LocationUrl(decode(parts[0]), decode(parts[1]), decode(parts[2]), decode(parts[3])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean on(String otherFsid, String otherPool) {
        return fsid.equalsIgnoreCase(otherFsid) && pool.equals(otherPool);
    }

    /** The same image and snapshot in another cluster and pool. */
    public LocationUrl movedTo(String newFsid, String newPool) {
        return new LocationUrl(newFsid, newPool, image, snapshot);
    }

    public String value() {
        return SCHEME + encode(fsid) + "/" + encode(pool) + "/" + encode(image) + "/" + encode(snapshot);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Like Python's quote(s, safe=''): letters, digits and {@code _.-~} stay, everything else is %XX. */
    public static String encode(String part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-' || c == '~') {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
