package dev.glancemigrator.verifier.verify;

import java.time.Duration;

/** How verifications run: read depth, progress period, and whether every image is also compared with its source. */
public record VerifyTuning(int readsInFlight, Duration progressInterval, boolean fullCompare) {
}
