package dev.glancemigrator.cutover.journal;

import dev.glancemigrator.events.Actor;
import java.time.Instant;

/**
 * One cutover attempt of a migration, as the journal keeps it; {@code operator} is the user name of {@code actor},
 * who asked for it (null for a run journaled before actors were kept).
 */
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
        Instant rolledBackAt,
        Actor actor) {

    /** A run as journaled before its actor was kept: {@code operator} alone names who asked. */
    public CutoverRun(String migrationId, int attempt, RunKind kind, String operator, RunState state, String sourceFsid,
            String sourcePool, String targetCluster, String targetFsid, String targetPool, String switchKind,
            String configBackup, int rowsJournaled, Integer rowsChanged, Integer rowsRestored, String message,
            Instant startedAt, Instant dbSwitchedAt, Instant configSwitchedAt, Instant completedAt, Instant rolledBackAt) {
        this(migrationId, attempt, kind, operator, state, sourceFsid, sourcePool, targetCluster, targetFsid, targetPool,
                switchKind, configBackup, rowsJournaled, rowsChanged, rowsRestored, message, startedAt, dbSwitchedAt,
                configSwitchedAt, completedAt, rolledBackAt, null);
    }

    /** Whether Glance's location rows were rewritten by this attempt (and not yet restored). */
    public boolean rowsRewritten() {
        return dbSwitchedAt != null && state != RunState.ROLLED_BACK;
    }

    /** Stopped half-way (a crash, a failed step): a cutover request completes it before anything else. */
    public boolean unfinished() {
        return state == RunState.JOURNALED || state == RunState.DB_SWITCHED || state == RunState.CONFIG_SWITCHED;
    }
}
