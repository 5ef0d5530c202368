package dev.glancemigrator.ceph;

/**
 * What an image is made of: size, object size (2^order bytes), feature bits and striping. A copy is
 * created with its source's layout, less the features the target does not support.
 */
public record ImageLayout(long size, int order, long features, long stripeUnit, long stripeCount) {

    public static final long FEATURE_LAYERING = 1L;
    public static final long FEATURE_STRIPINGV2 = 1L << 1;
    public static final long FEATURE_EXCLUSIVE_LOCK = 1L << 2;
    public static final long FEATURE_OBJECT_MAP = 1L << 3;
    public static final long FEATURE_FAST_DIFF = 1L << 4;
    public static final long FEATURE_DEEP_FLATTEN = 1L << 5;
    public static final long FEATURE_JOURNALING = 1L << 6;
    public static final long FEATURE_DATA_POOL = 1L << 7;

    public long objectSize() {
        return 1L << order;
    }

    public long objectCount() {
        return (size + objectSize() - 1) / objectSize();
    }

    public boolean has(long feature) {
        return (features & feature) != 0;
    }

    /** Default striping is one object after another: stripe unit = object size, count 1. */
    public boolean hasCustomStriping() {
        return stripeUnit != objectSize() || stripeCount != 1;
    }

    public ImageLayout withFeatures(long newFeatures) {
        return new ImageLayout(size, order, newFeatures, stripeUnit, stripeCount);
    }
}
