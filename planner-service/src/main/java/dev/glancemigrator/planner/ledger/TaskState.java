package dev.glancemigrator.planner.ledger;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where one image is in its migration. The working states move forward only: planned → copying →
 * copied → verifying → verified. A retry sends a task back to planned with the next attempt. failed,
 * skipped and out_of_scope are final for the events (only a re-plan touches them).
 */
public enum TaskState {
    PLANNED(0),
    COPYING(1),
    COPIED(2),
    VERIFYING(3),
    VERIFIED(4),
    /** Attempts exhausted, or a failure no retry can mend. */
    FAILED(-1),
    /** Deleted in Glance after it was planned; a copy made may remain on the target, for cleanup. */
    SKIPPED(-1),
    /** Listed with a reason, never touched (no data, another cluster, a location form not handled). */
    OUT_OF_SCOPE(-1);

    /** Position on the working path; -1 for the states off it. */
    private final int rank;

    TaskState(int rank) {
        this.rank = rank;
    }

    /** The spelling in the ledger, the REST API and its {@code state} filter. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean onWorkingPath() {
        return rank >= 0;
    }

    /** The later of two working states: events may arrive out of order across topics. */
    public TaskState furthest(TaskState other) {
        return other.rank > rank ? other : this;
    }

    /** Counted in the migration's bytes total: everything that is, or will be, copied. */
    public boolean isToBeCopied() {
        return onWorkingPath() || this == FAILED;
    }

    public static Optional<TaskState> fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(TaskState::label).collect(Collectors.joining(", "));
    }
}
