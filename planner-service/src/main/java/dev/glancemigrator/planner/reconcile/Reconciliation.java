package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.events.CopyResult;
import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.ImageEvent;
import dev.glancemigrator.events.MalformedEventException;
import dev.glancemigrator.events.MigrationEvent;
import dev.glancemigrator.events.Topics;
import dev.glancemigrator.events.VerifyResult;
import dev.glancemigrator.planner.ledger.CopyResultsConsumer;
import dev.glancemigrator.planner.ledger.TaskReports;
import dev.glancemigrator.planner.ledger.TaskState;
import dev.glancemigrator.planner.ledger.VerifyResultsConsumer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One pass over the kept topics for some migrations, merging what the topics say into ledger and audit.
 * Nothing is wiped or replayed from scratch: what the ledger alone knows (skip reasons, the rows the
 * cutover reads) stays; an event it has applied is recognised by its id and left alone.
 *
 * <p>The audit trail takes each record it lacks as it is read (its entries are keyed by their place
 * in Kafka, so their order does not matter). Reports the ledger has not applied are kept aside (in a
 * healthy ledger there are none, so memory stays small however long the log is) and applied once the
 * whole log is read, image by image in {@link ReplayOrder}, through {@link TaskReports#apply} under the
 * consumer's own name: a report applied meanwhile by a live consumer is then a duplicate, and a second
 * reconcile applies nothing.
 */
public final class Reconciliation {

    /** How many changed images a summary lists. */
    static final int CHANGES_LISTED = 100;

    private final EventCodec codec = new EventCodec();
    private final Set<String> migrations;
    private final LedgerPort ledger;
    private final AuditPort audit;
    private final Map<String, Counts> counts = new HashMap<>();
    /** Reports the ledger lacked when read, per migration and image. */
    private final Map<String, Map<String, List<LoggedEvent>>> unapplied = new HashMap<>();
    private long recordsRead;
    private long malformed;

    public Reconciliation(Set<String> migrations, LedgerPort ledger, AuditPort audit) {
        this.migrations = Set.copyOf(migrations);
        this.ledger = ledger;
        this.audit = audit;
        this.migrations.forEach(m -> counts.put(m, new Counts()));
    }

    /** One batch of records, in offset order within each partition. */
    public void accept(List<LogRecord> batch) {
        List<LoggedEvent> ours = new ArrayList<>();
        for (LogRecord record : batch) {
            recordsRead++;
            Optional<MigrationEvent> event = decode(record);
            if (event.isEmpty()) {
                malformed++;
                continue;
            }
            String migrationId = event.get().migrationId().toString();
            if (migrations.contains(migrationId)) {
                counts.get(migrationId).eventsRead++;
                ours.add(new LoggedEvent(record.topic(), record.partition(), record.offset(), event.get(),
                        record.value()));
            }
        }
        addMissingToAudit(ours);
        keepUnapplied(ours, CopyResult.class, CopyResultsConsumer.CONSUMER);
        keepUnapplied(ours, VerifyResult.class, VerifyResultsConsumer.CONSUMER);
    }

    /**
     * Applies the reports kept aside when the whole log was read ({@code complete}); otherwise none:
     * without the rest of the log one could be applied before its cause.
     */
    public Map<String, ReconcileSummary> finish(boolean complete, Instant startedAt) {
        if (complete) {
            unapplied.forEach((migrationId, images) -> images.forEach((imageId, events) ->
                    applyToLedger(migrationId, imageId, events)));
        }
        Instant finishedAt = Instant.now();
        Map<String, ReconcileSummary> summaries = new LinkedHashMap<>();
        migrations.stream().sorted().forEach(m -> summaries.put(m, counts.get(m).summary(m, complete, startedAt,
                finishedAt, recordsRead, malformed)));
        return summaries;
    }

    private Optional<MigrationEvent> decode(LogRecord record) {
        try {
            MigrationEvent event = codec.decode(record.value(), MigrationEvent.class);
            // As the audit consumer has it: an event on a topic it does not belong to is malformed.
            return Topics.of(event).equals(record.topic()) ? Optional.of(event) : Optional.empty();
        } catch (MalformedEventException e) {
            return Optional.empty();
        }
    }

    private void addMissingToAudit(List<LoggedEvent> events) {
        Map<String, Map<Integer, List<LoggedEvent>>> byPartition = events.stream().collect(Collectors.groupingBy(
                LoggedEvent::topic, Collectors.groupingBy(LoggedEvent::partition)));
        byPartition.forEach((topic, partitions) -> partitions.forEach((partition, inPartition) -> {
            long from = inPartition.stream().mapToLong(LoggedEvent::offset).min().orElseThrow();
            long to = inPartition.stream().mapToLong(LoggedEvent::offset).max().orElseThrow();
            Set<Long> recorded = audit.recorded(topic, partition, from, to);
            for (LoggedEvent e : inPartition) {
                if (!recorded.contains(e.offset())
                        && audit.append(e.event(), e.payload(), e.topic(), e.partition(), e.offset())) {
                    counts.get(e.event().migrationId().toString()).auditEntriesAdded++;
                }
            }
        }));
    }

    private void keepUnapplied(List<LoggedEvent> events, Class<? extends ImageEvent> kind, String consumer) {
        List<LoggedEvent> reports = events.stream().filter(e -> kind.isInstance(e.event())).toList();
        if (reports.isEmpty()) {
            return;
        }
        Set<UUID> applied = ledger.processed(consumer, reports.stream().map(e -> e.event().eventId()).toList());
        for (LoggedEvent e : reports) {
            if (!applied.contains(e.event().eventId())) {
                ImageEvent report = (ImageEvent) e.event();
                unapplied.computeIfAbsent(report.migrationId().toString(), m -> new HashMap<>())
                        .computeIfAbsent(report.imageId(), i -> new ArrayList<>()).add(e);
            }
        }
    }

    private void applyToLedger(String migrationId, String imageId, List<LoggedEvent> events) {
        Counts c = counts.get(migrationId);
        Optional<TaskState> before = ledger.state(migrationId, imageId);
        for (LoggedEvent e : ReplayOrder.sorted(events)) {
            ImageEvent report = (ImageEvent) e.event();
            TaskReports.Result result = ledger.apply(report, consumerOf(report));
            switch (result) {
                case APPLIED -> c.eventsApplied++;
                case IGNORED -> c.eventsStale++;
                case UNKNOWN_TASK -> c.eventsForUnknownImages++;
                case DUPLICATE -> {
                    // A live consumer applied it since it was read.
                }
            }
        }
        Optional<TaskState> after = ledger.state(migrationId, imageId);
        if (before.isPresent() && after.isPresent() && before.get() != after.get()) {
            c.imagesChanged++;
            if (c.changes.size() < CHANGES_LISTED) {
                c.changes.add(new ReconcileSummary.ImageChange(imageId, before.get(), after.get()));
            }
        }
    }

    private static String consumerOf(ImageEvent report) {
        return report instanceof CopyResult ? CopyResultsConsumer.CONSUMER : VerifyResultsConsumer.CONSUMER;
    }

    private static final class Counts {
        long eventsRead;
        long eventsApplied;
        long eventsStale;
        long eventsForUnknownImages;
        long auditEntriesAdded;
        int imagesChanged;
        final List<ReconcileSummary.ImageChange> changes = new ArrayList<>();

        ReconcileSummary summary(String migrationId, boolean complete, Instant startedAt, Instant finishedAt,
                long recordsRead, long malformed) {
            return new ReconcileSummary(migrationId, complete, startedAt, finishedAt, recordsRead, malformed,
                    eventsRead, eventsApplied, eventsStale, eventsForUnknownImages, auditEntriesAdded, imagesChanged,
                    List.copyOf(changes));
        }
    }
}
