package dev.glancemigrator.cutover.glance;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One run of the command switch's executable, as the journal keeps it. */
@Schema(description = "A run of the command switch's executable: how it ended and the end of what it printed (key material redacted)")
public record SwitchCommandRun(
        int attempt,
        @Schema(enumeration = {"apply", "restore"}) String action,
        @Schema(description = "null: it did not end within cutover.glance.switch-timeout and was killed") Integer exitCode,
        String outputTail,
        Instant startedAt,
        Instant endedAt) {
}
