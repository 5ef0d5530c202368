package dev.glancemigrator.cutover.glance;

/**
 * An image of the check's sample and the hash Glance recorded for it at upload: {@code os_hash_algo} /
 * {@code os_hash_value} (SHA-512 by default), or the MD5 {@code checksum} of an image older than
 * multihash.
 */
public record SampleImage(String id, String algorithm, String hash) {
}
