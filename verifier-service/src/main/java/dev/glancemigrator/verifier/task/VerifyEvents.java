package dev.glancemigrator.verifier.task;

import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.EventHeader;
import dev.glancemigrator.events.VerificationFailed;
import dev.glancemigrator.events.VerificationFailureReason;
import dev.glancemigrator.events.Verified;
import dev.glancemigrator.events.VerifyProgress;
import dev.glancemigrator.events.VerifyResult;
import dev.glancemigrator.verifier.verify.VerifyOutcome;

/** The events this verifier emits about a copy, stamped with its host. */
final class VerifyEvents {

    private final String host;

    VerifyEvents(String host) {
        this.host = host;
    }

    VerifyResult result(Copied copied, VerifyOutcome outcome) {
        if (outcome.verified()) {
            return new Verified(EventHeader.now(Verified.SCHEMA_VERSION, copied.migrationId(), copied.attempt(), host),
                    copied.imageId(), outcome.mode(), outcome.hashAlgorithm(), outcome.computedHash(),
                    outcome.recordedHash(), outcome.bytesRead(), outcome.duration().toMillis());
        }
        return failed(copied, outcome.reason(), outcome.firstDifferingOffset(), outcome.message());
    }

    VerificationFailed failed(Copied copied, VerificationFailureReason reason, Long offset, String message) {
        return new VerificationFailed(
                EventHeader.now(VerificationFailed.SCHEMA_VERSION, copied.migrationId(), copied.attempt(), host),
                copied.imageId(), reason, offset, message);
    }

    VerifyProgress progress(Copied copied, long done, long total, long rate) {
        return new VerifyProgress(
                EventHeader.now(VerifyProgress.SCHEMA_VERSION, copied.migrationId(), copied.attempt(), host),
                copied.imageId(), done, total, rate);
    }
}
