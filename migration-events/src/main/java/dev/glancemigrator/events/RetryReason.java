package dev.glancemigrator.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Why the planner publishes a copy task again. A first attempt has none. Values a newer producer
 * adds read as {@link #UNKNOWN}.
 */
public enum RetryReason {
    /** The previous attempt's copy failed (retryable); what the target holds was never reported as copied. */
    COPY_FAILED,
    /**
     * The last copy of this image failed verification: the target may hold a complete copy that is wrong.
     * Also the reason when the retry after such a failure failed to copy, since that copy may still be there.
     */
    VERIFICATION_FAILED,
    @JsonEnumDefaultValue
    UNKNOWN
}
