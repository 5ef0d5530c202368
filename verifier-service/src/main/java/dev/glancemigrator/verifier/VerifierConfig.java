package dev.glancemigrator.verifier;

import dev.glancemigrator.worker.WorkerConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * The verifier's settings; those every worker has (host, clusters, retries, drain, readiness probe)
 * come from {@link WorkerConfig}. It only reads: a cluster's {@code writable} is ignored. Documented
 * in the README's configuration table.
 */
@ConfigMapping(prefix = "verifier")
public interface VerifierConfig extends WorkerConfig {

    /** What every image is checked against. */
    enum Mode {
        /** The copier's manifest and Glance's recorded hash; the source only when no hash was recorded. */
        STANDARD,
        /** Also compare every image with its source, as the old procedure's cmp did. */
        FULL_COMPARE
    }

    @WithDefault("standard")
    Mode mode();

    /** Verifications in flight on this instance; default: available processors. */
    OptionalInt maxConcurrentVerifications();

    /** Reads in flight per image. */
    @WithDefault("4")
    @Min(1)
    int readsInFlight();

    @WithDefault("2s")
    Duration progressInterval();

    /** How long a check of Glance's database may take before it counts as not answering. */
    @WithDefault("5s")
    Duration databaseTimeout();
}
