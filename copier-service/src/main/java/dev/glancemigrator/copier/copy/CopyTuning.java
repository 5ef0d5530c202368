package dev.glancemigrator.copier.copy;

import java.time.Duration;

/**
 * How one image copy runs: I/O depth, zero detection (and whether the source's OSDs are asked
 * for zero blocks before reading), and how often it reports and checkpoints.
 */
public record CopyTuning(int readsInFlight, int writesInFlight, int zeroBlockBytes, boolean probeZeros,
        Duration progressInterval, Duration checkpointInterval) {

    public CopyTuning {
        if (readsInFlight < 1 || writesInFlight < 1 || zeroBlockBytes < 512) {
            throw new IllegalArgumentException("reads and writes in flight must be 1 or more, zero blocks 512 bytes or more");
        }
    }
}
