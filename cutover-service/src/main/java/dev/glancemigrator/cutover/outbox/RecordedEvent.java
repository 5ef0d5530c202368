package dev.glancemigrator.cutover.outbox;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One cutover event in the outbox, and whether the broker has it yet. */
@Schema(description = "A cutover event as recorded, and when it was published")
public record RecordedEvent(
        String eventId,
        @Schema(description = "cutover-started, cutover-completed, cutover-failed or cutover-rolled-back") String type,
        int attempt,
        Instant recordedAt,
        @Schema(description = "when the broker acknowledged it; null while it waits (a broker outage)") Instant publishedAt) {
}
