package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.events.MigrationEvent;
import dev.glancemigrator.planner.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The audit trail as a reconcile sees it: entries are appended through {@link AuditLog}, as the consumer's are. */
@ApplicationScoped
public class AuditAccess implements AuditPort {

    private final EntityManager em;
    private final AuditLog log;

    public AuditAccess(EntityManager em, AuditLog log) {
        this.em = em;
        this.log = log;
    }

    @Override
    @Transactional
    public Set<Long> recorded(String topic, int partition, long from, long to) {
        // A range of the unique key (topic, partition, offset): one index range, however big the trail.
        List<?> offsets = em.createNativeQuery("""
                SELECT kafka_offset FROM audit_event
                WHERE kafka_topic = ?1 AND kafka_partition = ?2 AND kafka_offset BETWEEN ?3 AND ?4""")
                .setParameter(1, topic).setParameter(2, partition).setParameter(3, from).setParameter(4, to)
                .getResultList();
        Set<Long> recorded = new HashSet<>();
        offsets.forEach(o -> recorded.add(((Number) o).longValue()));
        return recorded;
    }

    @Override
    public boolean append(MigrationEvent event, byte[] payload, String topic, int partition, long offset) {
        return log.append(event, payload, topic, partition, offset);
    }
}
