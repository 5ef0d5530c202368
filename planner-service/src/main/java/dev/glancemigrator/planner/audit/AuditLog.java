package dev.glancemigrator.planner.audit;

import dev.glancemigrator.events.ImageEvent;
import dev.glancemigrator.events.MigrationEvent;
import dev.glancemigrator.planner.EventTypes;
import dev.glancemigrator.planner.ledger.UtcMicros;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The append-only audit store. A Kafka record is stored once: its topic, partition and offset are
 * unique, so reading it again after a rebalance or restart inserts nothing.
 */
@ApplicationScoped
public class AuditLog {

    private final EntityManager em;

    public AuditLog(EntityManager em) {
        this.em = em;
    }

    /** True when the record was new to the log. */
    @Transactional
    public boolean append(MigrationEvent event, byte[] payload, String topic, int partition, long offset) {
        int inserted = em.createNativeQuery("""
                INSERT IGNORE INTO audit_event (migration_id, image_id, event_id, event_type, attempt, host,
                    occurred_at, kafka_topic, kafka_partition, kafka_offset, recorded_at, payload)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)""")
                .setParameter(1, event.migrationId().toString())
                .setParameter(2, event instanceof ImageEvent image ? image.imageId() : null)
                .setParameter(3, event.eventId().toString())
                .setParameter(4, EventTypes.of(event))
                .setParameter(5, event.attempt())
                .setParameter(6, event.host())
                .setParameter(7, UtcMicros.text(event.occurredAt()))
                .setParameter(8, topic)
                .setParameter(9, partition)
                .setParameter(10, offset)
                .setParameter(11, UtcMicros.text(Instant.now()))
                .setParameter(12, new String(payload, StandardCharsets.UTF_8))
                .executeUpdate();
        return inserted == 1;
    }
}
