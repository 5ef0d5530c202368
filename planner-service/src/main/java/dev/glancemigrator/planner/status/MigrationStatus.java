package dev.glancemigrator.planner.status;

import dev.glancemigrator.planner.ledger.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an operator watches during the window. */
@Schema(description = "A migration's progress: counts, bytes, rate, ETA, work in flight and failures")
public record MigrationStatus(
        String id,
        Pool source,
        Pool target,
        Instant createdAt,
        @Schema(description = "who planned it: user@project of their Keystone token, or the static token's operator "
                + "(the migration-planned event's actor has the rest); null for a plan made before it was kept")
        String plannedBy,
        @Schema(description = "1 after the first plan, one more per re-plan") int planRuns,
        Instant replannedAt,
        @Schema(description = "who asked for the latest re-plan, likewise") String replannedBy,
        @Schema(description = "images per state (planned, copying, copied, verifying, verified, failed, skipped, out_of_scope)")
        Map<String, Long> counts,
        Bytes bytes,
        @Schema(description = "clone children of the images' source snapshots (Nova disks, Cinder volumes), as the "
                + "copiers listed them: the source cluster cannot be retired while they exist; GET "
                + "/migrations/{id}/images names them")
        Dependents dependents,
        @Schema(description = "bytes copied per second over the moving window (planner.status.rate-window)")
        long rateBytesPerSecond,
        @Schema(description = "seconds until every planned byte is copied at that rate; null while nothing moves")
        Long etaSeconds,
        Instant etaAt,
        @Schema(description = "per host: copies and verifications in flight, and its copy rate over the moving "
                + "window (from progress reports); a host is listed while it has work in flight or copied in the window")
        List<HostLoad> inFlight,
        @Schema(description = "failed images, with why")
        List<Failure> failures,
        @Schema(description = "images stuck in a working state, oldest first, at most planner.status.stuck-listed: "
                + "copying or verifying with no word from their worker for planner.status.stuck-after; planned or "
                + "copied that long while nothing in the migration moved. POST /migrations/{id}/reconcile repairs "
                + "a ledger that lost their events")
        List<Stuck> stuck,
        @Schema(description = "more images are stuck than listed")
        boolean moreStuck,
        @Schema(description = "events still waiting in the outbox to be published")
        long unpublishedEvents) {

    public record Pool(String cluster, String fsid, String pool) {
    }

    public record Bytes(
            @Schema(description = "size of every image to copy (planned … verified, and failed)") long total,
            long copied,
            long verified) {
    }

    public record Dependents(
            @Schema(description = "images whose source snapshot has at least one clone child") long images,
            @Schema(description = "their clone children") long children) {
    }

    public record HostLoad(String host, long copies, long verifications,
            @Schema(description = "bytes this host copied per second over the moving window") long copyBytesPerSecond) {
    }

    public record Failure(String imageId, String name, int attempt, String reason) {
    }

    public record Stuck(
            String imageId,
            String name,
            TaskState state,
            @Schema(description = "when the ledger last heard of the image") Instant since,
            @Schema(description = "what would move it on") String waitingFor) {
    }
}
