package dev.glancemigrator.planner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Everything the planner is told from outside; checked at start-up, so a bad value stops it early. */
@ConfigMapping(prefix = "planner")
public interface PlannerConfig {

    /** A Ceph fsid as Glance writes it in location URLs. */
    String FSID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /**
     * The Ceph clusters by the names events use ({@code old}, {@code new}). Copiers and verifiers know
     * the same names with their own keys; the planner only needs the fsid.
     */
    @NotEmpty
    Map<String, Cluster> clusters();

    /** Copy attempts per image (first copy included) before the image is failed. */
    @WithDefault("3")
    @Min(1)
    @Max(100)
    int maxAttempts();

    /** Name this instance gives itself in the events it emits; the machine's host name by default. */
    Optional<String> host();

    Api api();

    Status status();

    Plan plan();

    Paging paging();

    Outbox outbox();

    Consumers consumers();

    Reconcile reconcile();

    interface Cluster {
        @Pattern(regexp = FSID, message = "must be a Ceph fsid (a UUID)")
        String fsid();
    }

    interface Api {
        /**
         * The file holding the bearer token of the mutating endpoints (its content, stripped), read at
         * start-up. Unset or unreadable: they refuse every request (the planner still serves status), so
         * a forgotten token never leaves the API open.
         */
        Optional<Path> tokenFile();

        /**
         * Whether the read endpoints need credentials as well when Keystone is off (with Keystone, reads need
         * a token with a reader role, or the static token).
         */
        @WithDefault("false")
        boolean readsNeedToken();

        /** The operator the static token stands for: the user name in the events of the changes it makes. */
        @WithDefault("operator")
        @NotBlank
        String tokenOperator();
    }

    interface Status {
        /** The moving window the current copy rate (and so the ETA) is measured over. */
        @WithDefault("PT2M")
        Duration rateWindow();

        /** How many failures a status lists (the images endpoint pages through all of them). */
        @WithDefault("100")
        @Min(1)
        int failuresListed();

        /**
         * How long an image may stay in a working state with no word of it before the status lists it
         * as stuck. Longer than the workers' progress interval (seconds), or a live copy would show.
         */
        @WithDefault("10m")
        Duration stuckAfter();

        /** How many stuck images a status lists, oldest first. */
        @WithDefault("100")
        @Min(1)
        int stuckListed();
    }

    interface Plan {
        /**
         * Images a plan or re-plan holds at a time: its ledger rows are sent to the database and
         * forgotten, and the ledger's earlier tasks read, this many at a time, so the planner's memory
         * does not grow with the store. The run is one transaction all the same.
         */
        @WithDefault("500")
        @Min(1)
        int batchSize();

        /**
         * Seconds one plan or re-plan may take before its transaction is rolled back. The default 60 s
         * of a transaction is too short for a first plan of 100,000 images (bench/scale.sh measures it).
         */
        @WithDefault("900")
        @Min(60)
        int transactionTimeoutSeconds();
    }

    interface Paging {
        @WithDefault("50")
        @Min(1)
        int defaultSize();

        @WithDefault("500")
        @Min(1)
        int maxSize();
    }

    interface Consumers {
        /**
         * Tries of a record that the ledger database, answering, still refuses (never malformed:
         * that goes to the dead-letter topic at once) before it goes to the dead-letter topic. While
         * the database does not answer, nothing is counted: the record waits.
         */
        @WithDefault("5")
        @Min(1)
        int tries();

        /** Pause between those tries, and the first pause of an outage. */
        @WithDefault("1s")
        Duration retryBackoff();

        /** The longest pause between two tries while the ledger database does not answer. */
        @WithDefault("15s")
        Duration maxOutageBackoff();

        /** How long a check of the ledger database may take before it counts as not answering. */
        @WithDefault("5s")
        Duration databaseTimeout();
    }

    interface Reconcile {
        /**
         * Whether the planner reconciles every unfinished migration with the kept topics after it
         * starts, in the background (readiness does not wait for it).
         */
        @WithDefault("true")
        boolean onStart();

        /**
         * How long one reconcile may read the topics. One that does not reach the end of the log in
         * time changes nothing in the ledger (a partial read could apply a report out of order) and says
         * so; the audit entries it found missing are added all the same.
         */
        @WithDefault("10m")
        Duration maxDuration();

        /** How long a single request to Kafka (partitions, offsets) may take. */
        @WithDefault("30s")
        Duration kafkaTimeout();
    }

    interface Outbox {
        /** How often the relay looks for unsent events: at most this long after a plan, its tasks leave. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Events published per relay round before they are marked sent in one transaction. */
        @WithDefault("100")
        @Min(1)
        int batchSize();

        /** How long the relay waits for the broker to acknowledge a batch. */
        @WithDefault("PT30S")
        Duration sendTimeout();
    }
}
