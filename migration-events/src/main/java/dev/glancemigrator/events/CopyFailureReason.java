package dev.glancemigrator.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why a copy gave up. Values a newer producer adds read as {@link #UNKNOWN}. */
public enum CopyFailureReason {
    /** The source image is gone. Permanent. */
    SOURCE_MISSING,
    /** The source image has no snapshot of the expected name. Permanent. */
    SNAPSHOT_MISSING,
    /** The target name is taken by an image this tool did not create; it was left untouched. */
    DESTINATION_CONFLICT,
    /** The task names a cluster this copier is not configured for. Permanent for this copier. */
    UNKNOWN_CLUSTER,
    /** Transient errors persisted through every retry inside the copier. The planner may retry. */
    RETRIES_EXHAUSTED,
    /** The copier stopped (shutdown grace period over) before it finished. The planner may retry. */
    ABANDONED,
    @JsonEnumDefaultValue
    UNKNOWN
}
