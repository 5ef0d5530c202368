package dev.glancemigrator.cutover.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GuardHolderTest {

    @Test
    void aHolderIsDescribedByWhatItDoesItsHostSinceWhenAndItsLease() {
        GuardHolder holder = new GuardHolder("cutover-a", "cutover of migration m", Instant.parse("2026-11-30T00:00:00Z"),
                Instant.parse("2026-11-30T00:01:00Z"));
        assertEquals("cutover of migration m on cutover-a since 2026-11-30T00:00:00Z (lease until 2026-11-30T00:01:00Z)",
                holder.describe());
    }
}
