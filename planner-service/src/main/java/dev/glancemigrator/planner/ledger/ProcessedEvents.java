package dev.glancemigrator.planner.ledger;

import dev.glancemigrator.events.MigrationEvent;
import dev.glancemigrator.planner.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The ids of events a consumer has applied. Claiming an id is one {@code INSERT IGNORE}: it inserts
 * nothing when the id is there, and the row lock it takes makes a concurrent redelivery wait and then
 * find it, so an event is applied at most once per consumer.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager em;

    public ProcessedEvents(EntityManager em) {
        this.em = em;
    }

    /** True the first time; false when this consumer already applied the event. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String consumer, MigrationEvent event) {
        int inserted = em.createNativeQuery("""
                INSERT IGNORE INTO processed_event (consumer, event_id, event_type, applied_at)
                VALUES (?1, ?2, ?3, ?4)""")
                .setParameter(1, consumer)
                .setParameter(2, event.eventId().toString())
                .setParameter(3, EventTypes.of(event))
                .setParameter(4, UtcMicros.text(Instant.now()))
                .executeUpdate();
        return inserted == 1;
    }
}
