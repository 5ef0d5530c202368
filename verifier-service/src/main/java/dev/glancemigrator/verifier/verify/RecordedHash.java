package dev.glancemigrator.verifier.verify;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The hash Glance recorded when the image was uploaded: {@code os_hash_algo} / {@code
 * os_hash_value}, or for images older than multihash, the MD5 {@code checksum}. Algorithm names are
 * Python hashlib's, as Glance stores them.
 */
public record RecordedHash(String algorithm, String value) {

    private static final Map<String, String> JAVA_NAMES = Map.of(
            "sha512", "SHA-512", "sha384", "SHA-384", "sha256", "SHA-256", "sha224", "SHA-224", "sha1", "SHA-1",
            "md5", "MD5", "sha3_512", "SHA3-512", "sha3_384", "SHA3-384", "sha3_256", "SHA3-256");

    /** What the images row offers, best first; empty when nothing usable is recorded. */
    public static Optional<RecordedHash> of(String osHashAlgo, String osHashValue, String md5Checksum) {
        if (present(osHashAlgo) && present(osHashValue) && JAVA_NAMES.containsKey(osHashAlgo.toLowerCase(Locale.ROOT))) {
            return Optional.of(new RecordedHash(osHashAlgo.toLowerCase(Locale.ROOT), osHashValue.toLowerCase(Locale.ROOT)));
        }
        if (present(md5Checksum)) {
            return Optional.of(new RecordedHash("md5", md5Checksum.toLowerCase(Locale.ROOT)));
        }
        return Optional.empty();
    }

    public String javaAlgorithm() {
        return JAVA_NAMES.get(algorithm);
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
