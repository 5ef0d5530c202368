package dev.glancemigrator.planner.plan;

import dev.glancemigrator.api.NotFoundException;
import dev.glancemigrator.api.ServiceHost;
import dev.glancemigrator.events.EventHeader;
import dev.glancemigrator.events.MigrationPlanned;
import dev.glancemigrator.events.RbdPoolRef;
import dev.glancemigrator.planner.ledger.ImageTask;
import dev.glancemigrator.planner.ledger.Migration;
import dev.glancemigrator.planner.ledger.TaskAttempt;
import dev.glancemigrator.planner.ledger.TaskState;
import dev.glancemigrator.planner.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns an inventory of Glance into ledger rows and copy tasks. Everything a run writes — migration,
 * tasks, attempts and the events to publish — is one transaction: a planner killed mid-plan leaves
 * either the whole plan (whose outbox the relay then publishes) or nothing.
 */
@ApplicationScoped
public class MigrationPlanner {

    /** Largest first, so the long copies do not end up last in the window; then by id, for a stable order. */
    private static final Comparator<GlanceImage> LARGEST_FIRST = Comparator
            .comparing((GlanceImage image) -> image.sizeBytes() == null ? 0 : image.sizeBytes()).reversed()
            .thenComparing(GlanceImage::id);

    private final Outbox outbox;
    private final ServiceHost host;

    public MigrationPlanner(Outbox outbox, ServiceHost host) {
        this.outbox = outbox;
        this.host = host;
    }

    /** The first plan of a new migration, from an inventory taken just before. */
    @Transactional
    public PlanRun plan(SourcePool source, TargetPool target, List<GlanceImage> inventory) {
        Instant now = Instant.now();
        Migration migration = new Migration();
        migration.id = UUID.randomUUID().toString();
        migration.sourceCluster = source.cluster();
        migration.sourceFsid = source.fsid();
        migration.sourcePool = source.pool();
        migration.targetCluster = target.cluster();
        migration.targetFsid = target.fsid();
        migration.targetPool = target.pool();
        migration.planRuns = 1;
        migration.createdAt = now;
        migration.persist();

        Delta delta = new Delta();
        for (GlanceImage image : largestFirst(inventory)) {
            Scope.Decision decision = Scope.decide(image, source);
            ImageTask task = newTask(migration, image, now);
            if (decision instanceof Scope.Copy copy) {
                publishFirstAttempt(migration, task, copy, now, delta);
            } else {
                leaveAlone(task, ((Scope.LeaveAlone) decision).reason(), delta);
            }
        }
        PlanRun run = announce(migration, delta, now);
        Log.infof("migration %s planned from %s to %s/%s: %s", migration.id, source, target.cluster(),
                target.pool(), run);
        return run;
    }

    /**
     * Compares the ledger with Glance now: new in-scope images get tasks, images that left scope
     * (deleted in Glance) are skipped — their copies stay, listed for cleanup — and the rest stays.
     */
    @Transactional
    public PlanRun replan(String migrationId, List<GlanceImage> inventory) {
        // Locked, so two re-plans of one migration run one after the other and the second sees the first's tasks.
        Migration migration = Migration.findById(migrationId, LockModeType.PESSIMISTIC_WRITE);
        if (migration == null) {
            throw new NotFoundException("no migration " + migrationId);
        }
        Instant now = Instant.now();
        migration.planRuns++;
        migration.replannedAt = now;
        SourcePool source = new SourcePool(migration.sourceCluster, migration.sourceFsid, migration.sourcePool);
        Map<String, ImageTask> known = new HashMap<>();
        ImageTask.ofMigration(migration.id).forEach(task -> known.put(task.imageId, task));

        Delta delta = new Delta();
        for (GlanceImage image : largestFirst(inventory)) {
            Scope.Decision decision = Scope.decide(image, source);
            ImageTask task = known.remove(image.id());
            if (task == null) {
                task = newTask(migration, image, now);
                if (decision instanceof Scope.Copy copy) {
                    publishFirstAttempt(migration, task, copy, now, delta);
                } else {
                    leaveAlone(task, ((Scope.LeaveAlone) decision).reason(), delta);
                }
            } else if (decision instanceof Scope.Copy copy && task.state == TaskState.OUT_OF_SCOPE) {
                // A queued image finished uploading, say: now it has data to copy.
                refresh(task, image, migration, now);
                publishFirstAttempt(migration, task, copy, now, delta);
            } else if (decision instanceof Scope.LeaveAlone leave && wasInScope(task)
                    && !(task.state == TaskState.VERIFIED
                            && Scope.cutOver(image, source, migration.targetFsid, migration.targetPool))) {
                // A verified image now on the target was cut over (a re-plan for a delta cutover): it stays.
                skip(task, leave.reason(), now, delta);
            }
        }
        for (ImageTask vanished : known.values()) {
            // Purged from Glance's database altogether.
            if (wasInScope(vanished)) {
                skip(vanished, "image no longer in Glance's database", now, delta);
            }
        }
        PlanRun run = announce(migration, delta, now);
        Log.infof("migration %s re-planned: %s", migration.id, run);
        return run;
    }

    private static List<GlanceImage> largestFirst(List<GlanceImage> inventory) {
        List<GlanceImage> sorted = new ArrayList<>(inventory);
        sorted.sort(LARGEST_FIRST);
        return sorted;
    }

    private static ImageTask newTask(Migration migration, GlanceImage image, Instant now) {
        ImageTask task = new ImageTask();
        task.migrationId = migration.id;
        task.imageId = image.id();
        task.plannedInRun = migration.planRuns;
        task.plannedAt = now;
        fill(task, image, now);
        return task;
    }

    private static void refresh(ImageTask task, GlanceImage image, Migration migration, Instant now) {
        task.plannedInRun = migration.planRuns;
        task.plannedAt = now;
        fill(task, image, now);
    }

    private static void fill(ImageTask task, GlanceImage image, Instant now) {
        task.imageName = image.name();
        task.sizeBytes = image.sizeBytes() == null ? 0 : image.sizeBytes();
        task.glanceStatus = image.status();
        task.updatedAt = now;
    }

    private void publishFirstAttempt(Migration migration, ImageTask task, Scope.Copy copy, Instant now, Delta delta) {
        task.sourceLocation = copy.url();
        task.sourceImage = copy.location().image();
        task.sourceSnapshot = copy.location().snapshot();
        task.state = TaskState.PLANNED;
        task.reason = null;
        task.attempt = 1;
        task.retryReason = null;
        task.persist();
        TaskAttempt.start(task, now);
        outbox.add(CopyTasks.of(migration, task, host.name(), now));
        delta.tasksPublished++;
        delta.bytesPlanned += task.sizeBytes;
    }

    private static void leaveAlone(ImageTask task, String reason, Delta delta) {
        task.state = TaskState.OUT_OF_SCOPE;
        task.reason = reason;
        task.attempt = 0;
        task.persist();
        delta.imagesOutOfScope++;
    }

    private static boolean wasInScope(ImageTask task) {
        return task.state.onWorkingPath() || task.state == TaskState.FAILED;
    }

    private static void skip(ImageTask task, String why, Instant now, Delta delta) {
        task.reason = "left scope since planned (was " + task.state.label() + "): " + why;
        task.state = TaskState.SKIPPED;
        task.finishedAt = now;
        task.updatedAt = now;
        delta.imagesSkipped++;
    }

    private PlanRun announce(Migration migration, Delta delta, Instant now) {
        outbox.add(new MigrationPlanned(
                new EventHeader(MigrationPlanned.SCHEMA_VERSION, UUID.randomUUID(), UUID.fromString(migration.id),
                        migration.planRuns, host.name(), now),
                new RbdPoolRef(migration.sourceCluster, migration.sourceFsid, migration.sourcePool),
                new RbdPoolRef(migration.targetCluster, migration.targetFsid, migration.targetPool),
                delta.tasksPublished, delta.imagesOutOfScope, delta.imagesSkipped, delta.bytesPlanned));
        return new PlanRun(migration.id, migration.planRuns, delta.tasksPublished, delta.imagesOutOfScope,
                delta.imagesSkipped, delta.bytesPlanned);
    }

    /** Counts of one run, as its {@code migration-planned} event reports them. */
    private static final class Delta {
        int tasksPublished;
        int imagesOutOfScope;
        int imagesSkipped;
        long bytesPlanned;
    }
}
