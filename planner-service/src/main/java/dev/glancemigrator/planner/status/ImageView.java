package dev.glancemigrator.planner.status;

import dev.glancemigrator.events.DependentClone;
import dev.glancemigrator.events.RetryReason;
import dev.glancemigrator.planner.ledger.ImageTask;
import dev.glancemigrator.planner.ledger.TaskState;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One image's ledger row, and its source snapshot's clone children, as the API shows them. */
public record ImageView(
        String imageId,
        String name,
        long sizeBytes,
        TaskState state,
        String reason,
        int attempt,
        RetryReason retryReason,
        int plannedInRun,
        String glanceStatus,
        String sourceLocation,
        String copyHost,
        String verifyHost,
        long bytesCopied,
        long bytesVerified,
        Long bytesRead,
        Long bytesWritten,
        Long zeroBytesSkipped,
        @Schema(description = "clone children of the image's source snapshot (Nova disks, Cinder volumes), as its "
                + "latest copy listed them: the source cluster cannot be retired while they exist")
        List<DependentClone> dependents,
        Long copyDurationMillis,
        Long verifyDurationMillis,
        String verifyMode,
        String hashAlgorithm,
        String recordedHash,
        String computedHash,
        String lastFailure,
        Instant plannedAt,
        Instant copyStartedAt,
        Instant copiedAt,
        Instant verifyStartedAt,
        Instant verifiedAt,
        Instant finishedAt) {

    public static ImageView of(ImageTask t, List<DependentClone> dependents) {
        return new ImageView(t.imageId, t.imageName, t.sizeBytes, t.state, t.reason, t.attempt, t.retryReason, t.plannedInRun,
                t.glanceStatus, t.sourceLocation, t.copyHost, t.verifyHost, t.bytesCopied, t.bytesVerified,
                t.bytesRead, t.bytesWritten, t.zeroBytesSkipped, dependents, t.copyDurationMillis, t.verifyDurationMillis,
                t.verifyMode, t.hashAlgorithm, t.recordedHash, t.computedHash, t.lastFailure, t.plannedAt,
                t.copyStartedAt, t.copiedAt, t.verifyStartedAt, t.verifiedAt, t.finishedAt);
    }
}
