package dev.glancemigrator.cutover.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Everything the cutover service is told from outside; checked at start-up, so a bad value stops it early. */
@ConfigMapping(prefix = "cutover")
public interface CutoverConfig {

    /** A Ceph fsid as Glance writes it in location URLs. */
    String FSID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /**
     * The clusters by the names the planner's ledger uses: targets ({@code new}), and sources ({@code old}),
     * whose snapshots' clone children the dry run, the dependents and the clean-up plan list.
     */
    @NotEmpty
    Map<String, Cluster> clusters();

    /** Name this instance gives itself in its events; the machine's host name by default. */
    Optional<String> host();

    /** Bounds connecting to a cluster and its monitor operations. */
    @WithDefault("PT10S")
    Duration cephTimeout();

    /**
     * Target snapshots a cutover's plan checks at a time (each an image open on the target). One after the
     * other, 100,000 of them take minutes of the maintenance window.
     */
    @WithDefault("32")
    @Min(1)
    @Max(256)
    int snapshotChecksInFlight();

    /**
     * Source snapshots whose clone children are listed at a time (dry run, dependents, clean-up plan): each
     * opens the image at its snapshot and asks every pool, a few OSD round trips.
     */
    @WithDefault("32")
    @Min(1)
    @Max(256)
    int dependentsInFlight();

    Api api();

    Glance glance();

    Outbox outbox();

    Guard guard();

    Galera galera();

    interface Cluster {
        @Pattern(regexp = FSID, message = "must be a Ceph fsid (a UUID)")
        String fsid();

        /**
         * A ready client conf for Glance's own user on this cluster; it names its keyring. Required for a target
         * (what Glance is switched to); a source needs none.
         */
        Optional<Path> glanceConf();

        /** Glance's cephx user on this cluster (without {@code client.}). */
        @WithDefault("glance")
        @NotBlank
        String glanceUser();

        /** Read-only conf: the destination snapshots of a target, the clone children of a source's snapshots. */
        Path readOnlyConf();

        @NotBlank
        String readOnlyUser();

        /**
         * The migrator's read-write key on a target, used by {@code cleanup --apply} only, to remove what the
         * migrator itself made there. Unset: the clean-up plan is listed but cannot be applied. Never set it
         * for a source: nothing on a source is removed by the tool.
         */
        Optional<Path> cleanupConf();

        Optional<String> cleanupUser();
    }

    interface Api {
        /**
         * The file holding the bearer token of every /migrations request (its content, stripped), read at
         * start-up. Unset or unreadable: every request is refused (403).
         */
        Optional<Path> tokenFile();

        /**
         * The operator the static token stands for: the journal's operator and the events' actor of what it asks
         * for (a Keystone token names its own user).
         */
        @WithDefault("operator")
        @NotBlank
        String tokenOperator();
    }

    interface Glance {
        /**
         * How Glance's config is switched: {@code file} edits each node's {@link Node#conf()} on this host;
         * {@code command} runs {@link #switchCommand()} (see CommandConfigSwitch for its contract).
         */
        @WithDefault("file")
        @Pattern(regexp = "file|command", message = "must be 'file' or 'command'")
        String switchKind();

        /**
         * Every glance-api process serving the images, by a name of the operator's choosing; switched,
         * restarted and checked one at a time in the order of their names.
         */
        @NotEmpty
        Map<String, Node> nodes();

        /** The executable the {@code command} switch runs, as {@code <command> apply} and {@code <command> restore}. */
        Optional<Path> switchCommand();

        /** How long one run of the switch command may take before it is killed and the switch fails. */
        @WithDefault("PT10M")
        Duration switchTimeout();

        /** The rbd store's section in it (Glance's backend name). */
        @WithDefault("ceph")
        @NotBlank
        String store();

        /** The backend name location meta_data should carry after the cutover; the same store by default. */
        Optional<String> targetStore();

        /** Glance's database (read; its image_locations rewritten). */
        @WithDefault("glance")
        @Pattern(regexp = "[A-Za-z0-9_]+", message = "must be a plain database name")
        String database();

        /** How long one node's restart command may take. */
        @WithDefault("PT3M")
        Duration restartTimeout();

        /** How long to wait for a node's {@code <url>/versions} to answer after its restart (or the switch command). */
        @WithDefault("PT2M")
        Duration readyTimeout();

        Check check();
    }

    /** One glance-api process. */
    interface Node {
        /** Its API; {@code <url>/versions} must answer after a restart, and the sample must download through it. */
        URI url();

        /** Its {@code glance-api.conf}, on this host; the {@code file} switch edits it (required for that switch). */
        Optional<Path> conf();

        /**
         * Run by {@code sh -c} after the {@code file} switch changed {@link #conf()}, and after its restore;
         * must restart this node (required for that switch). The {@code command} switch rolls Glance out
         * itself: this is not run then.
         */
        Optional<String> restartCommand();

        /**
         * Where the target cluster's conf and Glance's keyring are written (under {@code <cluster>/});
         * {@code ceph/} beside {@link #conf()} by default.
         */
        Optional<Path> cephDir();
    }

    /** After every switch and rollback: each node must serve a sample of the migrated images with their recorded hash. */
    interface Check {
        /**
         * Images downloaded through each node. A few catch a node on the wrong cluster or with an
         * unreadable keyring (every image fails then) without making the cutover wait for bulk reads.
         */
        @WithDefault("3")
        @Min(1)
        int sampleSize();

        /** Bounds one metadata request or one download through one node. */
        @WithDefault("PT2M")
        Duration downloadTimeout();

        /**
         * A node just restarted answers before its workers serve (Glance forks them after it binds)
         * and may drop the first connections: a download whose connection fails without an answer is
         * tried again for this long. An HTTP error or other bytes fail at once.
         */
        @WithDefault("PT10S")
        Duration connectionGrace();

        /**
         * With Keystone: how long the check waits for Keystone (not answering, or refusing the migrator's own
         * credentials) to give the migrator's token. Past it the run is left where it stopped, resumable, with a
         * reason naming Keystone (503): an outage is no verdict on a Glance node.
         */
        @WithDefault("PT30S")
        Duration keystoneGrace();
    }

    interface Outbox {
        /** How often the relay looks for unsent events (read by its schedule; here for the record). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Unsent events read per query; the relay reads again while a query fills it. */
        @WithDefault("100")
        @Min(1)
        int batchSize();

        /**
         * How long the relay waits for the broker to acknowledge one event. Longer than the producer's own
         * bound on a send (max.block.ms + delivery.timeout.ms), so a round that gives up leaves no send
         * pending, and the next round's re-publication does not queue a second copy behind the first.
         */
        @WithDefault("45s")
        Duration sendTimeout();
    }

    /**
     * The one-at-a-time guards (a cutover or rollback; the outbox relay) are rows with a lease, because
     * Galera does not replicate GET_LOCK. A holder renews its lease while it works; a killed holder's
     * guard passes on once the lease ran out. The renewal interval must stay well under the lease
     * (at most a third, checked at start-up), so that a renewal or two may fail without losing it.
     */
    interface Guard {
        /** How long a guard stays taken without a renewal: the wait after a holder's crash. */
        @WithDefault("PT60S")
        Duration lease();

        /** How often a holder renews its lease. */
        @WithDefault("PT10S")
        Duration renewInterval();
    }

    /** How the service behaves on a MariaDB Galera cluster; harmless on a single server. */
    interface Galera {
        /**
         * {@code wsrep_sync_wait} for the reads that decide something (preconditions, the stray-upload
         * check, recovery of an interrupted run, the guards): 1 makes such a read wait until this node has
         * applied every write committed anywhere in the cluster before it. 0 turns it off. Set only on
         * those reads, and only where the server knows the variable.
         */
        @WithDefault("1")
        @Min(0)
        @Max(15)
        int syncWait();

        /**
         * How often a transaction Galera aborted at commit (certification failure: error 1213, SQLSTATE
         * 40001) is tried again before the step fails; where a single server would have waited for a row
         * lock, Galera aborts one of the two writers instead.
         */
        @WithDefault("5")
        @Min(0)
        int certificationRetries();

        /** The wait before the first retry, doubled for each further one. */
        @WithDefault("PT0.2S")
        Duration retryBackoff();
    }
}
