package dev.glancemigrator.verifier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The verifier's settings; documented in the README's configuration table. */
@ConfigMapping(prefix = "verifier")
public interface VerifierConfig {

    /** What every image is checked against. */
    enum Mode {
        /** The copier's manifest and Glance's recorded hash; the source only when no hash was recorded. */
        STANDARD,
        /** Also compare every image with its source, as the seed's cmp did. */
        FULL_COMPARE
    }

    /** Names this instance in events and logs; default: the host name. */
    Optional<String> host();

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

    /** Transient failures (a cluster hiccup) are retried this many times before the copy is reported failed. */
    @WithDefault("3")
    @Min(1)
    int maxAttempts();

    @WithDefault("2s")
    Duration retryBackoff();

    @WithDefault("5s")
    Duration probeInterval();

    @WithDefault("10s")
    Duration cephTimeout();

    /** The clusters, by the names events use; the verifier only reads, so read-only keys do. */
    Map<String, Cluster> clusters();

    interface Cluster {
        Path conf();

        @NotBlank
        String clientId();

        @NotBlank
        String pool();
    }
}
