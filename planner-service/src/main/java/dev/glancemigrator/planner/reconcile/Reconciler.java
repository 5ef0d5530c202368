package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.api.ServiceHost;
import dev.glancemigrator.planner.config.PlannerConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reconciles migrations with the kept topics, one reconcile at a time in this planner: each reads the
 * whole log, so two at once would only double the work. A reconcile running beside the live consumers
 * is safe: both claim each event's id under the image's row lock, so each event is applied once.
 */
@ApplicationScoped
public class Reconciler {

    private final ReentrantLock running = new ReentrantLock();
    private final LedgerAccess ledger;
    private final AuditAccess audit;
    private final PlannerConfig config;
    private final TopicLog log;

    public Reconciler(LedgerAccess ledger, AuditAccess audit, PlannerConfig config, ServiceHost host,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.ledger = ledger;
        this.audit = audit;
        this.config = config;
        this.log = new KafkaTopicLog(bootstrapServers, "planner-reconcile-" + host.name(),
                config.reconcile().kafkaTimeout());
    }

    /** The summaries by migration id; empty when another reconcile is running. */
    public Optional<Map<String, ReconcileSummary>> reconcile(Set<String> migrationIds) {
        if (!running.tryLock()) {
            return Optional.empty();
        }
        try {
            Instant startedAt = Instant.now();
            Reconciliation pass = new Reconciliation(migrationIds, ledger, audit);
            boolean complete = log.read(startedAt.plus(config.reconcile().maxDuration()), pass::accept);
            Map<String, ReconcileSummary> summaries = pass.finish(complete, startedAt);
            summaries.values().forEach(Reconciler::logSummary);
            return Optional.of(summaries);
        } finally {
            running.unlock();
        }
    }

    private static void logSummary(ReconcileSummary s) {
        if (!s.complete()) {
            Log.warnf("reconcile of migration %s stopped before the end of the topics (planner.reconcile.max-duration): "
                    + "the ledger is left as it was; %d audit entries added from the %d events read", s.migrationId(),
                    s.auditEntriesAdded(), s.eventsRead());
        } else if (s.eventsApplied() + s.eventsStale() + s.auditEntriesAdded() > 0) {
            Log.warnf("reconcile of migration %s: the ledger lacked %d events (%d applied, %d stale), the audit trail "
                    + "%d; %d images changed state", s.migrationId(), s.eventsApplied() + s.eventsStale(),
                    s.eventsApplied(), s.eventsStale(), s.auditEntriesAdded(), s.imagesChanged());
        } else {
            Log.infof("reconcile of migration %s: ledger and audit trail hold all %d of its events on the topics",
                    s.migrationId(), s.eventsRead());
        }
    }
}
