package dev.glancemigrator.cutover.guard;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who holds a guard, as a refused request names it: never the holder's token. */
@Schema(description = "The instance holding a guard: its host name, what it does, since when, and its lease")
public record GuardHolder(String host, String purpose, Instant since, Instant leaseUntil) {

    public String describe() {
        return purpose + " on " + host + " since " + since + " (lease until " + leaseUntil + ")";
    }
}
