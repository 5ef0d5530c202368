package dev.glancemigrator.cutover.journal;

import java.time.Instant;

/** One cutover attempt of a migration, as the journal keeps it. */
public record CutoverRun(
        String migrationId,
        int attempt,
        String operator,
        RunState state,
        String sourceFsid,
        String sourcePool,
        String targetCluster,
        String targetFsid,
        String targetPool,
        String switchKind,
        String configBackup,
        int rowsJournaled,
        Integer rowsChanged,
        Integer rowsRestored,
        String message,
        Instant startedAt,
        Instant dbSwitchedAt,
        Instant configSwitchedAt,
        Instant completedAt,
        Instant rolledBackAt) {

    /** Whether Glance's location rows were rewritten by this attempt (and not yet restored). */
    public boolean rowsRewritten() {
        return dbSwitchedAt != null && state != RunState.ROLLED_BACK;
    }
}
