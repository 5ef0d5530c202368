package dev.glancemigrator.planner.plan;

import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.EventHeader;
import dev.glancemigrator.events.RbdImageRef;
import dev.glancemigrator.planner.ledger.ImageTask;
import dev.glancemigrator.planner.ledger.Migration;
import java.time.Instant;
import java.util.UUID;

/** The copy task for a ledger row's current attempt: source from its location, target by image id. */
public final class CopyTasks {

    private CopyTasks() {
    }

    public static CopyTask of(Migration migration, ImageTask task, String host, Instant now) {
        RbdImageRef source = new RbdImageRef(migration.sourceCluster, migration.sourceFsid, migration.sourcePool,
                task.sourceImage, task.sourceSnapshot);
        // The target is named after the Glance image id, as Glance names what it creates itself.
        RbdImageRef target = new RbdImageRef(migration.targetCluster, null, migration.targetPool, task.imageId, null);
        return new CopyTask(
                new EventHeader(CopyTask.SCHEMA_VERSION, UUID.randomUUID(), UUID.fromString(migration.id), task.attempt,
                        host, now),
                task.imageId, task.imageName, task.sizeBytes, source, target, task.retryReason);
    }
}
