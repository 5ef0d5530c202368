package dev.glancemigrator.planner.status;

import java.time.Duration;
import java.util.Optional;

/** How long the remaining bytes take at the current rate; unknown while nothing moves. */
public final class Eta {

    private Eta() {
    }

    public static Optional<Duration> of(long remainingBytes, long bytesPerSecond) {
        if (remainingBytes <= 0) {
            return Optional.of(Duration.ZERO);
        }
        if (bytesPerSecond <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Math.floorDiv(remainingBytes + bytesPerSecond - 1, bytesPerSecond)));
    }
}
