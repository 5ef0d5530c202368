package dev.glancemigrator.worker;

import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The settings every worker service has, under its own prefix: each service's {@code @ConfigMapping}
 * extends this interface, so copier and verifier read {@code copier.retry.*} and
 * {@code verifier.retry.*} with one definition. Documented in the README's configuration table.
 */
public interface WorkerConfig {

    /** Names this instance in events and logs; default: the host name. */
    Optional<String> host();

    /** On SIGTERM, how long work in flight may run on before it is abandoned (to another instance). */
    @WithDefault("30s")
    Duration drainGrace();

    /** How often the clusters are probed for readiness. */
    @WithDefault("5s")
    Duration probeInterval();

    /** Bound on connecting and monitor operations, so an unreachable cluster is an error, not a hang. */
    @WithDefault("10s")
    Duration cephTimeout();

    Retry retry();

    SmallTasks smallTasks();

    /** The clusters this instance reaches, by the names events use. */
    Map<String, Cluster> clusters();

    /** Transient failures are retried in the service before anyone else hears of them. */
    interface Retry {
        @WithDefault("4")
        @Min(1)
        int maxAttempts();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }

    /**
     * Small tasks run in slots of their own: their time goes on round trips and on the monitor, not
     * on bandwidth or CPU, so a store of thousands of small images needs many in flight.
     */
    interface SmallTasks {
        /** A task of at most this many bytes is small (a copy's image size; a verification's objects). */
        @WithDefault("67108864")
        @Min(0)
        long maxBytes();

        /** Small tasks that run at once, beside the instance's other slots. */
        @WithDefault("16")
        @Min(1)
        int slots();
    }

    interface Cluster {
        /** ceph.conf for this client; it names the keyring. */
        Path conf();

        @NotBlank
        String clientId();

        /** The pool readiness checks (tasks name their own). */
        @NotBlank
        String pool();

        /** Whether the service writes here; readiness then proves it can write to the pool. */
        @WithDefault("false")
        boolean writable();
    }
}
