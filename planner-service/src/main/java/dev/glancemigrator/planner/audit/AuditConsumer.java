package dev.glancemigrator.planner.audit;

import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.MalformedEventException;
import dev.glancemigrator.events.MigrationEvent;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.planner.consume.RecordHandling;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Every event on the kept topics (tasks, results, migration events) goes to the audit log with where
 * it sat in Kafka. An event on a topic it does not belong to is malformed, like one that does not parse.
 */
@ApplicationScoped
public class AuditConsumer {

    private final EventCodec codec = new EventCodec();
    private final AuditLog log;
    private final RecordHandling handling;

    public AuditConsumer(AuditLog log, RecordHandling handling) {
        this.log = log;
        this.handling = handling;
    }

    @Incoming("audit")
    @Blocking
    public CompletionStage<Void> record(Message<byte[]> record) {
        return handling.settle("planner-audit", record, this::append);
    }

    private void append(Message<byte[]> record) {
        IncomingKafkaRecordMetadata<?, ?> where = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("a record without Kafka metadata"));
        MigrationEvent event = codec.decode(record.getPayload(), MigrationEvent.class);
        if (!Topics.of(event).equals(where.getTopic())) {
            throw new MalformedEventException("a " + event.getClass().getSimpleName() + " does not belong on "
                    + where.getTopic(), null);
        }
        log.append(event, record.getPayload(), where.getTopic(), where.getPartition(), where.getOffset());
    }
}
