package dev.glancemigrator.planner.status;

import dev.glancemigrator.planner.config.PlannerConfig;
import dev.glancemigrator.planner.ledger.ImageTask;
import dev.glancemigrator.planner.ledger.TaskState;
import dev.glancemigrator.planner.ledger.UtcMicros;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The stuck images of a migration ({@link StuckRule}), for its status. The status is read often and a
 * migration may have 100k images: every query here is an index range with a LIMIT (indexes
 * image_task_state_since and image_task_updated), so its cost does not grow with the migration.
 */
@ApplicationScoped
public class StuckImages {

    private static final Comparator<ImageTask> OLDEST_FIRST = Comparator
            .comparing((ImageTask t) -> t.updatedAt).thenComparing(t -> t.id);

    private final EntityManager em;
    private final PlannerConfig config;

    public StuckImages(EntityManager em, PlannerConfig config) {
        this.em = em;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public StuckRule.Listing<MigrationStatus.Stuck> of(String migrationId, Instant now) {
        String since = UtcMicros.text(now.minus(config.status().stuckAfter()));
        int listed = config.status().stuckListed();
        List<ImageTask> found = new ArrayList<>();
        for (TaskState state : StuckRule.statesToCheck(moving(migrationId, since))) {
            @SuppressWarnings("unchecked")
            List<ImageTask> quiet = em.createNativeQuery("""
                    SELECT * FROM image_task WHERE migration_id = ?1 AND state = ?2 AND updated_at < ?3
                    ORDER BY updated_at, id""", ImageTask.class)
                    .setParameter(1, migrationId).setParameter(2, state.label()).setParameter(3, since)
                    .setMaxResults(listed + 1)
                    .getResultList();
            found.addAll(quiet);
        }
        StuckRule.Listing<ImageTask> stuck = StuckRule.oldestFirst(found, OLDEST_FIRST, listed);
        Set<String> unsent = unsentTasks(migrationId, stuck.items());
        List<MigrationStatus.Stuck> images = stuck.items().stream()
                .map(t -> new MigrationStatus.Stuck(t.imageId, t.imageName, t.state, t.updatedAt,
                        StuckRule.waitingFor(t.state, unsent.contains(t.imageId))))
                .toList();
        return new StuckRule.Listing<>(images, stuck.more());
    }

    /** Whether the ledger heard of anything in the migration since then. */
    private boolean moving(String migrationId, String since) {
        // MAX of the index's last column for a fixed first: read off the end of image_task_updated.
        Object moving = em.createNativeQuery("SELECT MAX(updated_at) >= ?2 FROM image_task WHERE migration_id = ?1")
                .setParameter(1, migrationId).setParameter(2, since).getSingleResult();
        return moving instanceof Number n && n.intValue() == 1;
    }

    /** Those of the planned images whose copy task still waits in the outbox. */
    private Set<String> unsentTasks(String migrationId, List<ImageTask> stuck) {
        List<String> planned = stuck.stream().filter(t -> t.state == TaskState.PLANNED).map(t -> t.imageId).toList();
        if (planned.isEmpty()) {
            return Set.of();
        }
        List<?> keys = em.createNativeQuery("""
                SELECT record_key FROM outbox
                WHERE sent_at IS NULL AND migration_id = :migration AND record_key IN (:images)""")
                .setParameter("migration", migrationId).setParameter("images", planned)
                .getResultList();
        Set<String> unsent = new HashSet<>();
        keys.forEach(k -> unsent.add(k.toString()));
        return unsent;
    }
}
