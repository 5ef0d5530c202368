package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.planner.ledger.TaskState;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What one reconcile of a migration read from the kept topics and what it merged into ledger and audit. */
@Schema(description = "What a reconcile read from the kept topics and merged into the ledger and the audit trail")
public record ReconcileSummary(
        String migrationId,
        @Schema(description = "false when the topics could not be read to their end within "
                + "planner.reconcile.max-duration: then the ledger was left as it was (audit entries found "
                + "missing were added)")
        boolean complete,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "records read from the kept topics, every migration's")
        long recordsRead,
        @Schema(description = "records that are no valid event for their topic, skipped")
        long malformedSkipped,
        @Schema(description = "events of this migration on the kept topics")
        long eventsRead,
        @Schema(description = "reports the ledger lacked, applied now and taken into the ledger")
        long eventsApplied,
        @Schema(description = "reports the ledger lacked that changed nothing (about an earlier attempt, or an "
                + "image that is verified, failed or skipped): recorded as processed")
        long eventsStale,
        @Schema(description = "reports about images this migration does not have, left alone")
        long eventsForUnknownImages,
        @Schema(description = "events the audit trail lacked, added with their topic, partition and offset")
        long auditEntriesAdded,
        @Schema(description = "images whose state the reconcile changed")
        int imagesChanged,
        @Schema(description = "those images, at most " + Reconciliation.CHANGES_LISTED)
        List<ImageChange> changes) {

    /** One image the reconcile moved. */
    public record ImageChange(String imageId, TaskState from, TaskState to) {
    }
}
