package dev.glancemigrator.planner.reconcile;

import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.CopyFailed;
import dev.glancemigrator.events.ImageEvent;
import dev.glancemigrator.events.VerificationFailed;
import dev.glancemigrator.events.Verified;
import dev.glancemigrator.planner.ledger.TaskLifecycle;
import dev.glancemigrator.planner.ledger.TaskReports;
import dev.glancemigrator.planner.ledger.TaskState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The ledger's rules without a database: {@link TaskLifecycle} decides, as in {@code TaskReports}, and
 * an event's id is claimed before the outcome is known, so an ignored report is used up as there.
 */
final class FakeLedger implements LedgerPort {

    static final int MAX_ATTEMPTS = 3;

    /** One image's row: state, attempt, and the copy facts a {@code copied} brought. */
    static final class Task {
        TaskState state = TaskState.PLANNED;
        int attempt = 1;
        String copyHost;
        final List<String> published = new ArrayList<>();
    }

    final Map<String, Task> tasks = new HashMap<>();
    final Map<String, Set<UUID>> claimed = new HashMap<>();
    final List<String> applied = new ArrayList<>();

    Task add(String migrationId, String imageId) {
        return tasks.computeIfAbsent(migrationId + "/" + imageId, k -> new Task());
    }

    Task task(String migrationId, String imageId) {
        return tasks.get(migrationId + "/" + imageId);
    }

    /** As a live consumer would have: applied, its id claimed. */
    TaskReports.Result liveConsumerApplies(ImageEvent report, String consumer) {
        return apply(report, consumer);
    }

    @Override
    public Set<UUID> processed(String consumer, Collection<UUID> eventIds) {
        Set<UUID> mine = claimed.getOrDefault(consumer, Set.of());
        return eventIds.stream().filter(mine::contains).collect(Collectors.toSet());
    }

    @Override
    public Optional<TaskState> state(String migrationId, String imageId) {
        return Optional.ofNullable(task(migrationId, imageId)).map(t -> t.state);
    }

    @Override
    public TaskReports.Result apply(ImageEvent report, String consumer) {
        Task task = task(report.migrationId().toString(), report.imageId());
        if (task == null) {
            return TaskReports.Result.UNKNOWN_TASK;
        }
        if (!claimed.computeIfAbsent(consumer, c -> new HashSet<>()).add(report.eventId())) {
            return TaskReports.Result.DUPLICATE;
        }
        applied.add(report.getClass().getSimpleName() + "#" + report.attempt());
        boolean retryable = !(report instanceof CopyFailed f) || f.retryable();
        TaskLifecycle.Outcome outcome = TaskLifecycle.next(task.state, task.attempt, reportOf(report),
                report.attempt(), retryable, MAX_ATTEMPTS);
        if (outcome instanceof TaskLifecycle.Ignore) {
            return TaskReports.Result.IGNORED;
        }
        if (outcome instanceof TaskLifecycle.Advance advance) {
            if (report instanceof Copied copied) {
                task.copyHost = copied.host();
            }
            task.state = advance.state();
        } else if (outcome instanceof TaskLifecycle.Retry retry) {
            task.attempt = retry.attempt();
            task.state = TaskState.PLANNED;
            task.copyHost = null;
            task.published.add("copy-task#" + retry.attempt());
        } else {
            task.state = TaskState.FAILED;
        }
        return TaskReports.Result.APPLIED;
    }

    private static TaskLifecycle.Report reportOf(ImageEvent report) {
        if (report instanceof Copied) {
            return TaskLifecycle.Report.COPIED;
        } else if (report instanceof CopyFailed) {
            return TaskLifecycle.Report.COPY_FAILED;
        } else if (report instanceof Verified) {
            return TaskLifecycle.Report.VERIFIED;
        } else if (report instanceof VerificationFailed) {
            return TaskLifecycle.Report.VERIFICATION_FAILED;
        }
        throw new IllegalArgumentException("not a result: " + report);
    }
}
