package dev.glancemigrator.verifier.verify;

import dev.glancemigrator.events.VerificationFailureReason;
import dev.glancemigrator.events.VerifyMode;
import java.time.Duration;

/** The verdict on one copy: verified (with what was compared), or failed with a reason. */
public record VerifyOutcome(boolean verified, VerifyMode mode, String hashAlgorithm, String computedHash,
        String recordedHash, long bytesRead, Duration duration, VerificationFailureReason reason,
        Long firstDifferingOffset, String message) {

    /** The same verdict, its message followed by {@code more}, having read {@code moreBytes} more. */
    VerifyOutcome explained(String more, long moreBytes) {
        return new VerifyOutcome(verified, mode, hashAlgorithm, computedHash, recordedHash, bytesRead + moreBytes, duration,
                reason, firstDifferingOffset, message + " " + more);
    }

    static VerifyOutcome failed(VerifyMode mode, VerificationFailureReason reason, Long offset, String message,
            long bytesRead, Duration duration) {
        return new VerifyOutcome(false, mode, null, null, null, bytesRead, duration, reason, offset, message);
    }
}
