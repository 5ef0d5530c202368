package dev.glancemigrator.copier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The copier's settings; documented in the README's configuration table. */
@ConfigMapping(prefix = "copier")
public interface CopierConfig {

    /** Names this instance in events and logs; default: the host name. */
    Optional<String> host();

    /** Copies in flight on this instance; default: available processors (the seed's semaphore). */
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

    /** On SIGTERM, how long copies in flight may run on before they are abandoned (resumable). */
    @WithDefault("30s")
    Duration drainGrace();

    /** How often the clusters are probed for readiness. */
    @WithDefault("5s")
    Duration probeInterval();

    /** Bound on connecting and monitor operations, so an unreachable cluster is an error, not a hang. */
    @WithDefault("10s")
    Duration cephTimeout();

    Retry retry();

    /** The clusters this copier reaches, by the names tasks use. */
    Map<String, Cluster> clusters();

    /** Transient failures are retried inside the copier before the planner hears of them. */
    interface Retry {
        @WithDefault("4")
        @Min(1)
        int maxAttempts();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }

    interface Cluster {
        /** ceph.conf for this client; it names the keyring. */
        Path conf();

        @NotBlank
        String clientId();

        /** The pool readiness checks (tasks name their own). */
        @NotBlank
        String pool();

        /** Whether the copier writes here; readiness then proves it can write to the pool. */
        @WithDefault("false")
        boolean writable();
    }
}
