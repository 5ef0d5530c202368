package dev.glancemigrator.cutover.journal;

import java.time.Instant;

/** One cutover attempt of a migration, as the journal keeps it. */
public record CutoverRun(
        String migrationId,
        int attempt,
        RunKind kind,
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

    /** Stopped half-way (a crash, a failed step): a cutover request completes it before anything else. */
    public boolean unfinished() {
        return state == RunState.JOURNALED || state == RunState.DB_SWITCHED || state == RunState.CONFIG_SWITCHED;
    }
}
