package dev.glancemigrator.copier;

import dev.glancemigrator.worker.WorkerConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * The copier's settings; those every worker has (host, clusters, retries, drain, readiness probe)
 * come from {@link WorkerConfig}. Documented in the README's configuration table.
 */
@ConfigMapping(prefix = "copier")
public interface CopierConfig extends WorkerConfig {

    /** Copies in flight on this instance; default: available processors (the old procedure's semaphore). */
    OptionalInt maxConcurrentCopies();

    /** Reads in flight per image copy. */
    @WithDefault("4")
    @Min(1)
    int readsInFlight();

    /** Writes in flight per image copy. */
    @WithDefault("4")
    @Min(1)
    int writesInFlight();

    /** Granularity of zero detection: all-zero blocks of this size are not written. */
    @WithDefault("65536")
    @Min(512)
    int zeroBlockBytes();

    /**
     * Ask the source's OSDs which zero blocks an object holds (a RADOS checksum op) and read only
     * the others: Glance writes zeros out, so disk images are mostly allocated zeros.
     */
    @WithDefault("true")
    boolean probeZeros();

    /** How often a copy in flight reports progress. */
    @WithDefault("2s")
    Duration progressInterval();

    /** How often a copy in flight records how far it got, so a later attempt resumes from there. */
    @WithDefault("10s")
    Duration checkpointInterval();

    /** How often a duplicate delivery retries the lock of an image another copier is copying. */
    @WithDefault("2s")
    Duration lockRetryInterval();
}
