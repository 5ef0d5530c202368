package dev.glancemigrator.planner.outbox;

import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.MigrationEvent;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.planner.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Where the planner puts the events it emits. Written in the caller's transaction, beside the ledger
 * rows the event follows from: either both are there after a crash or neither is, and {@link
 * OutboxRelay} publishes whatever is there at least once.
 */
@ApplicationScoped
public class Outbox {

    private final EventCodec codec = new EventCodec();

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(MigrationEvent event) {
        entryOf(event).persist();
    }

    /** The outbox row of {@code event}, not yet written: for a caller that writes many rows in one statement. */
    public OutboxEntry entryOf(MigrationEvent event) {
        OutboxEntry entry = new OutboxEntry();
        entry.migrationId = event.migrationId().toString();
        entry.eventId = event.eventId().toString();
        entry.eventType = EventTypes.of(event);
        entry.topic = Topics.of(event);
        entry.recordKey = event.key();
        entry.payload = codec.encode(event);
        entry.createdAt = Instant.now();
        return entry;
    }
}
