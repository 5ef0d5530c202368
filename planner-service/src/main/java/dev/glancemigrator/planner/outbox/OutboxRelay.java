package dev.glancemigrator.planner.outbox;

import dev.glancemigrator.planner.config.PlannerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes the outbox: the oldest unsent entries in the order they were written (a plan writes its
 * tasks largest first), waits for the broker to acknowledge them all, then marks them sent. A crash in
 * between publishes them again on restart; consumers drop the duplicate by its event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private final MutinyEmitter<byte[]> kafka;
    private final PlannerConfig config;
    /** Unsent events after the last round, for the metric: the scrape must not wait on the database. */
    private final AtomicLong unsent = new AtomicLong();
    private final Counter published;

    public OutboxRelay(@Channel("outbox") MutinyEmitter<byte[]> kafka, PlannerConfig config, MeterRegistry metrics) {
        this.kafka = kafka;
        this.config = config;
        Gauge.builder("planner.outbox.unsent", unsent, AtomicLong::get)
                .description("events recorded but not yet acknowledged by Kafka, as of the relay's last round")
                .register(metrics);
        this.published = Counter.builder("planner.outbox.published")
                .description("events the relay published (a re-publication after a crash counts again)")
                .register(metrics);
    }

    @Scheduled(every = "${planner.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        try {
            int sent;
            do {
                sent = publishBatch();
            } while (sent == config.outbox().batchSize());
            unsent.set(QuarkusTransaction.requiringNew().call(() -> OutboxEntry.count("sentAt is null")));
        } catch (RuntimeException e) {
            // The entries stay unsent and are tried again next round.
            Log.warnf("outbox relay: publishing failed, will retry: %s", e.getMessage());
        }
    }

    /** Publishes one batch; returns how many entries it sent. */
    int publishBatch() {
        List<OutboxEntry> batch = QuarkusTransaction.requiringNew()
                .call(() -> OutboxEntry.unsent(config.outbox().batchSize()));
        if (batch.isEmpty()) {
            return 0;
        }
        List<Uni<Void>> acks = batch.stream().map(this::send).toList();
        Uni.join().all(acks).andFailFast().await().atMost(config.outbox().sendTimeout());
        List<Long> ids = batch.stream().map(entry -> entry.id).toList();
        QuarkusTransaction.requiringNew().run(() ->
                OutboxEntry.update("sentAt = ?1 where id in ?2", Instant.now(), ids));
        published.increment(batch.size());
        Log.debugf("outbox relay: published %d events", batch.size());
        return batch.size();
    }

    private Uni<Void> send(OutboxEntry entry) {
        OutgoingKafkaRecordMetadata<String> where = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(entry.topic)
                .withKey(entry.recordKey)
                .build();
        return kafka.sendMessage(Message.of(entry.payload).addMetadata(where));
    }
}
