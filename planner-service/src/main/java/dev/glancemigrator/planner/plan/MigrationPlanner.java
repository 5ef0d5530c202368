package dev.glancemigrator.planner.plan;

import dev.glancemigrator.api.NotFoundException;
import dev.glancemigrator.api.ServiceHost;
import dev.glancemigrator.events.Actor;
import dev.glancemigrator.events.EventHeader;
import dev.glancemigrator.events.MigrationPlanned;
import dev.glancemigrator.events.RbdPoolRef;
import dev.glancemigrator.planner.config.PlannerConfig;
import dev.glancemigrator.planner.ledger.ImageTask;
import dev.glancemigrator.planner.ledger.Migration;
import dev.glancemigrator.planner.ledger.TaskAttempt;
import dev.glancemigrator.planner.ledger.TaskState;
import dev.glancemigrator.planner.outbox.Outbox;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Turns Glance's inventory into ledger rows and copy tasks. Everything a run writes — migration,
 * tasks, attempts and the events to publish — is one transaction: a planner killed mid-plan leaves
 * either the whole plan (whose outbox the relay then publishes) or nothing. The inventory is walked as
 * it streams from Glance's database and the run's rows are written a batch at a time ({@link
 * PlanWrites}), so planning 100,000 images holds one batch of them in memory, not all.
 */
@ApplicationScoped
public class MigrationPlanner {

    private static final String TIMEOUT = "planner.plan.transaction-timeout-seconds";

    private final GlanceInventory inventory;
    private final Outbox outbox;
    private final ServiceHost host;
    private final int batchSize;

    public MigrationPlanner(GlanceInventory inventory, Outbox outbox, ServiceHost host, PlannerConfig config) {
        this.inventory = inventory;
        this.outbox = outbox;
        this.host = host;
        this.batchSize = config.plan().batchSize();
    }

    /**
     * The first plan of a new migration: a task per image, published largest first; {@code actor} asked for it
     * (named in its {@code migration-planned} event and kept with the migration).
     */
    @Transactional
    @TransactionConfiguration(timeoutFromConfigProperty = TIMEOUT)
    public PlanRun plan(SourcePool source, TargetPool target, Actor actor) {
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
        migration.plannedBy = actor.describe();
        migration.persist();

        Delta delta = new Delta();
        PlanWrites writes = new PlanWrites(Migration.getEntityManager(), batchSize);
        // Largest first, so the long copies do not end up last in the window.
        inventory.walk(GlanceInventory.Order.LARGEST_FIRST, image -> {
            addTask(migration, image, Scope.decide(image, source), now, writes, delta);
            writes.imageDone();
        });
        writes.flush();
        PlanRun run = announce(migration, delta, now, actor);
        Log.infof("migration %s planned by %s from %s to %s/%s: %s", migration.id, actor.describe(), source,
                target.cluster(), target.pool(), run);
        return run;
    }

    /**
     * Compares the ledger with Glance now: new in-scope images get tasks, images that left scope
     * (deleted in Glance) are skipped — their copies stay, listed for cleanup — and the rest stays.
     * Glance's inventory and the ledger's tasks are walked side by side in image id order.
     */
    @Transactional
    @TransactionConfiguration(timeoutFromConfigProperty = TIMEOUT)
    public PlanRun replan(String migrationId, Actor actor) {
        // Locked, so two re-plans of one migration run one after the other and the second sees the first's tasks.
        Migration migration = Migration.findById(migrationId, LockModeType.PESSIMISTIC_WRITE);
        if (migration == null) {
            throw new NotFoundException("no migration " + migrationId);
        }
        Instant now = Instant.now();
        migration.planRuns++;
        migration.replannedAt = now;
        migration.replannedBy = actor.describe();
        SourcePool source = new SourcePool(migration.sourceCluster, migration.sourceFsid, migration.sourcePool);
        EarlierTasks earlier = new EarlierTasks(migration.id, migration.planRuns, batchSize);
        PlanWrites writes = new PlanWrites(Migration.getEntityManager(), batchSize);
        Delta delta = new Delta();
        String[] previousId = {null};
        inventory.walk(GlanceInventory.Order.BY_ID, image -> {
            if (previousId[0] != null && previousId[0].compareTo(image.id()) >= 0) {
                // Walking beside the ledger relies on one order; a mismatch would skip images still in Glance.
                throw new IllegalStateException("Glance's images did not come in id order: " + image.id()
                        + " after " + previousId[0] + "; nothing was re-planned");
            }
            previousId[0] = image.id();
            while (earlier.peek() != null && earlier.peek().imageId().compareTo(image.id()) < 0) {
                vanished(earlier.take(), now, delta);
            }
            decide(migration, source, image, earlier.takeIf(image.id()), now, writes, delta);
            writes.imageDone();
        });
        while (earlier.peek() != null) {
            vanished(earlier.take(), now, delta);
        }
        writes.flush();
        PlanRun run = announce(migration, delta, now, actor);
        Log.infof("migration %s re-planned by %s: %s", migration.id, actor.describe(), run);
        return run;
    }

    /** A re-plan's decision for one image of Glance's, {@code known} its task from an earlier run (or null). */
    private void decide(Migration migration, SourcePool source, GlanceImage image, ImageTask.Known known,
            Instant now, PlanWrites writes, Delta delta) {
        Scope.Decision decision = Scope.decide(image, source);
        if (known == null) {
            addTask(migration, image, decision, now, writes, delta);
        } else if (decision instanceof Scope.Copy copy && known.state() == TaskState.OUT_OF_SCOPE) {
            // A queued image finished uploading, say: now it has data to copy.
            ImageTask task = ImageTask.findById(known.id());
            refresh(task, image, migration, now);
            publishFirstAttempt(migration, task, copy, now, delta);
        } else if (decision instanceof Scope.LeaveAlone leave && wasInScope(known.state())
                && !(known.state() == TaskState.VERIFIED
                        && Scope.cutOver(image, source, migration.targetFsid, migration.targetPool))) {
            // A verified image now on the target was cut over (a re-plan for a delta cutover): it stays.
            skip(ImageTask.findById(known.id()), leave.reason(), now, delta);
        }
    }

    /** A task whose image was purged from Glance's database altogether. */
    private static void vanished(ImageTask.Known known, Instant now, Delta delta) {
        if (wasInScope(known.state())) {
            skip(ImageTask.findById(known.id()), "image no longer in Glance's database", now, delta);
        }
    }

    /** A task for an image the ledger does not know yet: its first attempt published, or left alone with the reason. */
    private void addTask(Migration migration, GlanceImage image, Scope.Decision decision, Instant now, PlanWrites writes,
            Delta delta) {
        ImageTask task = newTask(migration, image, now);
        if (decision instanceof Scope.Copy copy) {
            firstAttempt(task, copy, delta);
            writes.newTask(task, outbox.entryOf(CopyTasks.of(migration, task, host.name(), now)));
        } else {
            outOfScope(task, ((Scope.LeaveAlone) decision).reason(), delta);
            writes.newTask(task, null);
        }
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

    /** An existing task's first attempt, published now (it was out of scope until this run). */
    private void publishFirstAttempt(Migration migration, ImageTask task, Scope.Copy copy, Instant now, Delta delta) {
        firstAttempt(task, copy, delta);
        TaskAttempt.start(task, now);
        outbox.add(CopyTasks.of(migration, task, host.name(), now));
    }

    private static void firstAttempt(ImageTask task, Scope.Copy copy, Delta delta) {
        task.sourceLocation = copy.url();
        task.sourceImage = copy.location().image();
        task.sourceSnapshot = copy.location().snapshot();
        task.state = TaskState.PLANNED;
        task.reason = null;
        task.attempt = 1;
        task.retryReason = null;
        delta.tasksPublished++;
        delta.bytesPlanned += task.sizeBytes;
    }

    private static void outOfScope(ImageTask task, String reason, Delta delta) {
        task.state = TaskState.OUT_OF_SCOPE;
        task.reason = reason;
        task.attempt = 0;
        delta.imagesOutOfScope++;
    }

    private static boolean wasInScope(TaskState state) {
        return state.onWorkingPath() || state == TaskState.FAILED;
    }

    private static void skip(ImageTask task, String why, Instant now, Delta delta) {
        task.reason = "left scope since planned (was " + task.state.label() + "): " + why;
        task.state = TaskState.SKIPPED;
        task.finishedAt = now;
        task.updatedAt = now;
        delta.imagesSkipped++;
    }

    private PlanRun announce(Migration migration, Delta delta, Instant now, Actor actor) {
        outbox.add(new MigrationPlanned(
                new EventHeader(MigrationPlanned.SCHEMA_VERSION, UUID.randomUUID(), UUID.fromString(migration.id),
                        migration.planRuns, host.name(), now),
                new RbdPoolRef(migration.sourceCluster, migration.sourceFsid, migration.sourcePool),
                new RbdPoolRef(migration.targetCluster, migration.targetFsid, migration.targetPool),
                delta.tasksPublished, delta.imagesOutOfScope, delta.imagesSkipped, delta.bytesPlanned, actor));
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
