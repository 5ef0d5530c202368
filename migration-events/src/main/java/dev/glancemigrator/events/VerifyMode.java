package dev.glancemigrator.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** What a verification compared. */
public enum VerifyMode {
    /** Target against the copier's manifest, and the upload hash Glance recorded. */
    MANIFEST_AND_HASH,
    /** No hash recorded: target compared byte for byte with the source. */
    SOURCE_COMPARE,
    /** Both of the above, on the operator's request ({@code verify.mode=full-compare}). */
    FULL_COMPARE,
    @JsonEnumDefaultValue
    UNKNOWN
}
