package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.events.MigrationEvent;
import java.util.Set;

/** What a reconcile needs of the audit trail; {@link AuditAccess} in the planner, a fake in unit tests. */
public interface AuditPort {

    /** The offsets between {@code from} and {@code to} (inclusive) of one partition that the audit holds. */
    Set<Long> recorded(String topic, int partition, long from, long to);

    /** Appends as the audit consumer does; true when the record was new to the audit. */
    boolean append(MigrationEvent event, byte[] payload, String topic, int partition, long offset);
}
