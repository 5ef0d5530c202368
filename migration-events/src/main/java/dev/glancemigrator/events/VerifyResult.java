package dev.glancemigrator.events;

/** What a verifier reports for a copy: the messages of {@link Topics#VERIFY_RESULTS}. */
public sealed interface VerifyResult extends ImageEvent permits Verified, VerificationFailed {
}
