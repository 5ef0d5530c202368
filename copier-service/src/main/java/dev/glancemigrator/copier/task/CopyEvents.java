package dev.glancemigrator.copier.task;

import dev.glancemigrator.copier.copy.CopyOutcome;
import dev.glancemigrator.events.manifest.ObjectDigests;
import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.CopyFailed;
import dev.glancemigrator.events.CopyFailureReason;
import dev.glancemigrator.events.CopyManifest;
import dev.glancemigrator.events.CopyProgress;
import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.RbdImageRef;
import java.time.Instant;
import java.util.UUID;

/** The events this copier emits about a task, stamped with its host. */
final class CopyEvents {

    private final String host;

    CopyEvents(String host) {
        this.host = host;
    }

    Copied copied(CopyTask task, CopyOutcome outcome) {
        RbdImageRef target = new RbdImageRef(task.target().cluster(), task.target().fsid(), task.target().pool(),
                task.target().image(), task.source().snapshot());
        CopyManifest manifest = new CopyManifest(ObjectDigests.ALGORITHM, outcome.objectSize(),
                outcome.objectCount(), outcome.manifestDigest(), outcome.manifestObject());
        return new Copied(Copied.SCHEMA_VERSION, UUID.randomUUID(), task.migrationId(), task.imageId(), task.attempt(), host,
                Instant.now(), task.source(), target, outcome.counts().bytesRead(), outcome.counts().bytesWritten(),
                outcome.counts().zeroBytesSkipped(), outcome.duration().toMillis(), manifest, task.retryReason(),
                outcome.discardedAttempt());
    }

    CopyFailed failed(CopyTask task, CopyFailureReason reason, boolean retryable, String message) {
        return new CopyFailed(CopyFailed.SCHEMA_VERSION, UUID.randomUUID(), task.migrationId(), task.imageId(),
                task.attempt(), host, Instant.now(), reason, retryable, message);
    }

    CopyProgress progress(CopyTask task, long bytesDone, long bytesTotal, long bytesPerSecond) {
        return new CopyProgress(CopyProgress.SCHEMA_VERSION, UUID.randomUUID(), task.migrationId(), task.imageId(),
                task.attempt(), host, Instant.now(), bytesDone, bytesTotal, bytesPerSecond);
    }
}
