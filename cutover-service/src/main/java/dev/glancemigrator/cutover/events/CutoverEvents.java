package dev.glancemigrator.cutover.events;

import dev.glancemigrator.api.ServiceHost;
import dev.glancemigrator.events.CutoverCompleted;
import dev.glancemigrator.events.CutoverEvent;
import dev.glancemigrator.events.CutoverFailed;
import dev.glancemigrator.events.CutoverRolledBack;
import dev.glancemigrator.events.CutoverStarted;
import dev.glancemigrator.events.MigrationEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes the cutover's events to the migration-events topic, keyed by migration id, and waits for the
 * broker. A publication that fails is logged, never undoes the switch: the journal is the record.
 */
@ApplicationScoped
public class CutoverEvents {

    private static final Logger LOG = Logger.getLogger(CutoverEvents.class);

    private final MutinyEmitter<MigrationEvent> emitter;
    private final ServiceHost host;

    CutoverEvents(@Channel("migration-events") MutinyEmitter<MigrationEvent> emitter, ServiceHost host) {
        this.emitter = emitter;
        this.host = host;
    }

    public void started(UUID migration, int attempt, String operator, int rowsToChange) {
        publish(new CutoverStarted(CutoverStarted.SCHEMA_VERSION, UUID.randomUUID(), migration, attempt, host.name(),
                Instant.now(), operator, rowsToChange));
    }

    public void completed(UUID migration, int attempt, String operator, int rowsChanged, long durationMillis) {
        publish(new CutoverCompleted(CutoverCompleted.SCHEMA_VERSION, UUID.randomUUID(), migration, attempt, host.name(),
                Instant.now(), operator, rowsChanged, durationMillis));
    }

    public void failed(UUID migration, int attempt, String operator, String reason, String message) {
        publish(new CutoverFailed(CutoverFailed.SCHEMA_VERSION, UUID.randomUUID(), migration, attempt, host.name(),
                Instant.now(), operator, reason, message));
    }

    public void rolledBack(UUID migration, int attempt, String operator, int rowsRestored) {
        publish(new CutoverRolledBack(CutoverRolledBack.SCHEMA_VERSION, UUID.randomUUID(), migration, attempt, host.name(),
                Instant.now(), operator, rowsRestored));
    }

    private void publish(CutoverEvent event) {
        try {
            emitter.sendMessageAndAwait(Message.<MigrationEvent>of(event).addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder().withKey(event.migrationId().toString()).build()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not publish %s for migration %s", event.getClass().getSimpleName(), event.migrationId());
        }
    }
}
