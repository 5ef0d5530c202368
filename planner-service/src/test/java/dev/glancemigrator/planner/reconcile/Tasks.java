package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.events.Actor;
import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.EventHeader;
import dev.glancemigrator.events.MigrationPlanned;
import dev.glancemigrator.events.RbdPoolRef;
import dev.glancemigrator.planner.ledger.ImageTask;
import dev.glancemigrator.planner.ledger.Migration;
import dev.glancemigrator.planner.plan.CopyTasks;
import java.time.Instant;
import java.util.UUID;

/** Planner-made events as the planner makes them, for logs in unit tests. */
final class Tasks {

    private Tasks() {
    }

    static CopyTask copyTask(String migrationId, String imageId, int attempt) {
        Migration migration = new Migration();
        migration.id = migrationId;
        migration.sourceCluster = "old";
        migration.sourceFsid = "1b945893-2804-470c-be74-ff5e7ab291fb";
        migration.sourcePool = "images";
        migration.targetCluster = "new";
        migration.targetPool = "images";
        ImageTask task = new ImageTask();
        task.imageId = imageId;
        task.imageName = "image " + imageId;
        task.sizeBytes = 4096;
        task.sourceImage = imageId;
        task.sourceSnapshot = "snap";
        task.attempt = attempt;
        return CopyTasks.of(migration, task, "planner-0", Instant.now());
    }

    static MigrationPlanned planned(String migrationId, int tasks) {
        return new MigrationPlanned(
                EventHeader.now(MigrationPlanned.SCHEMA_VERSION, UUID.fromString(migrationId), 1, "planner-0"),
                new RbdPoolRef("old", "1b945893-2804-470c-be74-ff5e7ab291fb", "images"),
                new RbdPoolRef("new", null, "images"), tasks, 0, 0, 4096L * tasks,
                Actor.staticToken("operator"));
    }
}
