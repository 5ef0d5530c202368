package dev.glancemigrator.planner.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.Immutable;

/** One event as it sat in Kafka. Written by {@link AuditLog} only, never changed. */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEntry extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "migration_id")
    public String migrationId;

    @Column(name = "image_id")
    public String imageId;

    @Column(name = "event_id")
    public String eventId;

    @Column(name = "event_type")
    public String eventType;

    public int attempt;

    public String host;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "kafka_topic")
    public String topic;

    @Column(name = "kafka_partition")
    public int partition;

    @Column(name = "kafka_offset")
    public long offset;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    public String payload;

    /**
     * One page of a migration's events in the order they were recorded. The page's ids come first, from the
     * (migration_id, id) index alone, and only those rows are read: a deep page of a million events skips index
     * entries, not rows.
     */
    public static List<AuditEntry> pageOfMigration(String migrationId, int page, int size) {
        List<Long> ids = getEntityManager()
                .createQuery("select a.id from AuditEntry a where a.migrationId = ?1 order by a.id", Long.class)
                .setParameter(1, migrationId)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList();
        return ids.isEmpty() ? List.of() : list("id in ?1 order by id", ids);
    }
}
