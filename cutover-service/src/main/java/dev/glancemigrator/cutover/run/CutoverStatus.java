package dev.glancemigrator.cutover.run;

import dev.glancemigrator.cutover.glance.SwitchCommandRun;
import dev.glancemigrator.cutover.journal.CutoverRun;
import dev.glancemigrator.cutover.outbox.RecordedEvent;
import dev.glancemigrator.cutover.plan.LocationChange;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A migration's cutover journal: every attempt, the rows the latest one journaled, the events recorded and
 * the runs of the switch command.
 */
@Schema(description = "The cutover journal of a migration")
public record CutoverStatus(
        String migrationId,
        @Schema(description = "state of the latest attempt, or not_started") String state,
        List<CutoverRun> runs,
        List<LocationChange> journal,
        @Schema(description = "every cutover event of the migration in order; publishedAt null while it waits for the broker")
        List<RecordedEvent> events,
        @Schema(description = "every run of the command switch's executable (apply, restore), with its exit status and"
                + " output tail; empty with the file switch") List<SwitchCommandRun> switchCommands) {
}
