package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

/**
 * Digests of the source data, one per RBD object, that the copier took while reading. A large
 * image has too many objects for one Kafka message, so the digests are stored as the RADOS object
 * {@code radosObject} in the target pool, and {@code digestOfDigests} lets the verifier prove it read
 * the very list the copier wrote.
 */
public record CopyManifest(
        String algorithm,
        long objectSizeBytes,
        long objectCount,
        String digestOfDigests,
        String radosObject) {

    public CopyManifest {
        present(algorithm, "manifest.algorithm");
        notNegative(objectSizeBytes, "manifest.objectSizeBytes");
        notNegative(objectCount, "manifest.objectCount");
        present(digestOfDigests, "manifest.digestOfDigests");
        present(radosObject, "manifest.radosObject");
    }
}
