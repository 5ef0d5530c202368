package dev.glancemigrator.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why a copy is not trusted. Values a newer producer adds read as {@link #UNKNOWN}. */
public enum VerificationFailureReason {
    SIZE_MISMATCH,
    OBJECT_SIZE_MISMATCH,
    SNAPSHOT_MISSING,
    SNAPSHOT_UNPROTECTED,
    /** The target's data differs from the copier's manifest of the source. */
    CONTENT_MISMATCH,
    /** The target's data differs from the source itself (source compare). */
    SOURCE_MISMATCH,
    /** The SHA-512 (or MD5) of the target differs from what Glance recorded at upload. */
    HASH_MISMATCH,
    /** The manifest object is missing or does not match the digest in the {@code copied} event. */
    MANIFEST_INVALID,
    /** The copy could not be read through every retry: not a verdict on the data; the planner may re-copy. */
    READ_ERROR,
    @JsonEnumDefaultValue
    UNKNOWN
}
