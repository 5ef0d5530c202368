package dev.glancemigrator.cutover.outbox;

import dev.glancemigrator.cutover.config.CutoverConfig;
import dev.glancemigrator.cutover.guard.Guards;
import dev.glancemigrator.cutover.guard.Lease;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes the cutover outbox, as the planner's relay does: the oldest unsent events in the order they
 * were written, each published, its acknowledgement awaited, then marked sent. One at a time: there are
 * a handful per cutover, and the migration's history must stay in order, so a failure stops the round
 * with nothing after it sent. A crash between publication and marking publishes it again after the
 * restart, with the same eventId (consumers drop it by that id).
 *
 * <p>One relay publishes at a time in the whole deployment: it holds the {@code outbox-relay} guard, a row
 * with a lease ({@link Guards}; GET_LOCK is not replicated by Galera), from its first round until it stops,
 * renewed meanwhile; when its instance dies, another takes the guard once the lease ran out. Two relays
 * would be harmless for correctness (same bytes, same eventId, consumers drop repeats, and each relay sends
 * in id order, so the first copy of every event still arrives in order), but each event would be published
 * twice and the topic would read interleaved: the guard costs one small write per renew-interval.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final AgroalDataSource ledger;
    private final Guards guards;
    private final MutinyEmitter<byte[]> kafka;
    private final CutoverConfig.Outbox config;
    /** Unsent events after the last round, for the metric: the scrape must not wait on the database. */
    private final AtomicLong unsent = new AtomicLong();
    private final Counter published;
    /** The relay guard while this instance holds it; only the scheduler's one thread (SKIP) touches it. */
    private Lease lease;

    OutboxRelay(AgroalDataSource ledger, Guards guards, @Channel("migration-events") MutinyEmitter<byte[]> kafka,
            CutoverConfig config, MeterRegistry metrics) {
        this.ledger = ledger;
        this.guards = guards;
        this.kafka = kafka;
        this.config = config.outbox();
        Gauge.builder("cutover.outbox.unsent", unsent, AtomicLong::get)
                .description("cutover events recorded but not yet acknowledged by Kafka, as of the relay's last round")
                .register(metrics);
        this.published = Counter.builder("cutover.outbox.published")
                .description("cutover events the relay published (a re-publication after a crash counts again)")
                .register(metrics);
    }

    @Scheduled(every = "${cutover.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        try {
            if (lease != null && !lease.held()) {
                lease.close();
                lease = null;
            }
            if (lease == null) {
                lease = guards.tryTake(Guards.OUTBOX_RELAY, "outbox relay").orElse(null);
                if (lease == null) {
                    return; // another instance is publishing
                }
            }
            try (Connection connection = ledger.getConnection()) {
                try {
                    publish(connection);
                } finally {
                    unsent.set(CutoverOutbox.countUnsent(connection));
                }
            }
        } catch (SQLException | RuntimeException e) {
            // The events stay unsent and are tried again next round; the cutover never waits for them.
            LOG.warnf("cutover outbox: publishing failed, will retry: %s", e.getMessage());
        }
    }

    private void publish(Connection connection) throws SQLException {
        List<OutboxEntry> batch;
        do {
            batch = CutoverOutbox.unsent(connection, config.batchSize());
            for (OutboxEntry entry : batch) {
                lease.ensureHeld();
                send(entry);
                CutoverOutbox.markSent(connection, entry.id());
                published.increment();
                LOG.debugf("cutover outbox: published %s", entry.eventId());
            }
        } while (batch.size() == config.batchSize());
    }

    /** Publishes one event and waits for the broker's acknowledgement; throws when it does not come. */
    private void send(OutboxEntry entry) {
        OutgoingKafkaRecordMetadata<String> where = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(entry.topic())
                .withKey(entry.key())
                .build();
        kafka.sendMessage(Message.of(entry.payload()).addMetadata(where)).await().atMost(config.sendTimeout());
    }

    /** Hands the relay guard on at once rather than after the lease (a graceful stop). */
    @PreDestroy
    void stop() {
        if (lease != null) {
            lease.close();
            lease = null;
        }
    }
}
