package dev.glancemigrator.copier.task;

import dev.glancemigrator.copier.copy.CopyOutcome;
import dev.glancemigrator.events.manifest.ObjectDigests;
import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.CopyFailed;
import dev.glancemigrator.events.CopyFailureReason;
import dev.glancemigrator.events.CopyManifest;
import dev.glancemigrator.events.CopyProgress;
import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.EventHeader;
import dev.glancemigrator.events.RbdImageRef;

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
        return new Copied(EventHeader.now(Copied.SCHEMA_VERSION, task.migrationId(), task.attempt(), host),
                task.imageId(), task.source(), target, outcome.counts().bytesRead(), outcome.counts().bytesWritten(),
                outcome.counts().zeroBytesSkipped(), outcome.duration().toMillis(), manifest, task.retryReason(),
                outcome.discardedAttempt(), outcome.dependents());
    }

    CopyFailed failed(CopyTask task, CopyFailureReason reason, boolean retryable, String message) {
        return new CopyFailed(EventHeader.now(CopyFailed.SCHEMA_VERSION, task.migrationId(), task.attempt(), host),
                task.imageId(), reason, retryable, message);
    }

    CopyProgress progress(CopyTask task, long bytesDone, long bytesTotal, long bytesPerSecond) {
        return new CopyProgress(EventHeader.now(CopyProgress.SCHEMA_VERSION, task.migrationId(), task.attempt(), host),
                task.imageId(), bytesDone, bytesTotal, bytesPerSecond);
    }
}
