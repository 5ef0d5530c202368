package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.events.MigrationEvent;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The audit trail's rule without a database: one entry per place in Kafka. */
final class FakeAudit implements AuditPort {

    final Set<String> positions = new HashSet<>();

    static String position(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    @Override
    public Set<Long> recorded(String topic, int partition, long from, long to) {
        return positions.stream()
                .filter(p -> p.startsWith(topic + "/" + partition + "/"))
                .map(p -> Long.parseLong(p.substring(p.lastIndexOf('/') + 1)))
                .filter(o -> o >= from && o <= to)
                .collect(Collectors.toSet());
    }

    @Override
    public boolean append(MigrationEvent event, byte[] payload, String topic, int partition, long offset) {
        return positions.add(position(topic, partition, offset));
    }
}
