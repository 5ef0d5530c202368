package dev.glancemigrator.cutover.plan;

/** Whether {@code pool/image@snapshot} is ready on the target cluster to be Glance's location. */
@FunctionalInterface
public interface SnapshotCheck {

    enum Result { READY, MISSING, UNPROTECTED }

    Result check(String image, String snapshot);
}
