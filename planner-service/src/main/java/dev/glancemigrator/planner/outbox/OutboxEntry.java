package dev.glancemigrator.planner.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** An event to publish, written in the transaction that made it true. */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "migration_id")
    public String migrationId;

    @Column(name = "event_id")
    public String eventId;

    @Column(name = "event_type")
    public String eventType;

    public String topic;

    @Column(name = "record_key")
    public String recordKey;

    public byte[] payload;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** The oldest unsent entries, in the order they were written. */
    public static List<OutboxEntry> unsent(int limit) {
        return find("sentAt is null order by id").page(0, limit).list();
    }

    public static long countUnsent(String migrationId) {
        return count("migrationId = ?1 and sentAt is null", migrationId);
    }
}
