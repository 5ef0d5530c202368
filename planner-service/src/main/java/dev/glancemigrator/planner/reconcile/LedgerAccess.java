package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.events.ImageEvent;
import dev.glancemigrator.planner.ledger.ImageTask;
import dev.glancemigrator.planner.ledger.TaskReports;
import dev.glancemigrator.planner.ledger.TaskState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The ledger as a reconcile sees it: reports go through {@link TaskReports}, as the consumers' do. */
@ApplicationScoped
public class LedgerAccess implements LedgerPort {

    /** Ids per query: a poll's worth of reports, well below any statement size limit. */
    private static final int IDS_PER_QUERY = 500;
    private static final List<String> UNFINISHED = List.of(TaskState.PLANNED.label(), TaskState.COPYING.label(),
            TaskState.COPIED.label(), TaskState.VERIFYING.label());

    private final EntityManager em;
    private final TaskReports reports;

    public LedgerAccess(EntityManager em, TaskReports reports) {
        this.em = em;
        this.reports = reports;
    }

    @Override
    @Transactional
    public Set<UUID> processed(String consumer, Collection<UUID> eventIds) {
        List<String> ids = eventIds.stream().map(UUID::toString).distinct().toList();
        Set<UUID> found = new HashSet<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<?> rows = em.createNativeQuery(
                    "SELECT event_id FROM processed_event WHERE consumer = :consumer AND event_id IN (:ids)")
                    .setParameter("consumer", consumer)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)))
                    .getResultList();
            rows.forEach(id -> found.add(UUID.fromString(id.toString())));
        }
        return found;
    }

    @Override
    @Transactional
    public Optional<TaskState> state(String migrationId, String imageId) {
        return ImageTask.find(migrationId, imageId).map(task -> task.state);
    }

    @Override
    public TaskReports.Result apply(ImageEvent report, String consumer) {
        return reports.apply(report, consumer);
    }

    @Transactional
    public boolean exists(String migrationId) {
        return em.createNativeQuery("SELECT COUNT(*) FROM migration WHERE id = ?1").setParameter(1, migrationId)
                .getSingleResult() instanceof Number n && n.longValue() > 0;
    }

    /** Migrations with an image that events can still move: those a lost event may be holding back. */
    @Transactional
    public Set<String> unfinishedMigrations() {
        List<?> ids = em.createNativeQuery("""
                SELECT m.id FROM migration m WHERE EXISTS (
                    SELECT 1 FROM image_task t WHERE t.migration_id = m.id AND t.state IN (:states))""")
                .setParameter("states", UNFINISHED)
                .getResultList();
        Set<String> migrations = new HashSet<>();
        ids.forEach(id -> migrations.add(id.toString()));
        return migrations;
    }
}
