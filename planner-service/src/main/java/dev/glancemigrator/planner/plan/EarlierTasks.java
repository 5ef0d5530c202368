package dev.glancemigrator.planner.plan;

import dev.glancemigrator.planner.ledger.ImageTask;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A migration's tasks from its earlier plan runs, in image id order, read from the ledger a page at a
 * time as {@link ImageTask.Known} (no entities: a re-plan loads only the tasks it changes): the ledger's
 * side of a re-plan that walks Glance's inventory beside it. Tasks the running re-plan adds are never
 * met (they belong to its own run).
 */
final class EarlierTasks {

    private final String migrationId;
    private final int run;
    private final int pageSize;
    private final Deque<ImageTask.Known> page = new ArrayDeque<>();
    private String lastTaken;
    private boolean readToEnd;

    EarlierTasks(String migrationId, int run, int pageSize) {
        this.migrationId = migrationId;
        this.run = run;
        this.pageSize = pageSize;
    }

    /** The next task, left in place; null after the last. */
    ImageTask.Known peek() {
        fill();
        return page.peekFirst();
    }

    /** The next task, taken. */
    ImageTask.Known take() {
        fill();
        ImageTask.Known task = page.removeFirst();
        lastTaken = task.imageId();
        return task;
    }

    /** Takes the next task if it is {@code imageId}'s; else null. */
    ImageTask.Known takeIf(String imageId) {
        ImageTask.Known next = peek();
        return next != null && next.imageId().equals(imageId) ? take() : null;
    }

    private void fill() {
        if (page.isEmpty() && !readToEnd) {
            List<ImageTask.Known> tasks = ImageTask.plannedBefore(migrationId, run, lastTaken, pageSize);
            page.addAll(tasks);
            readToEnd = tasks.size() < pageSize;
        }
    }
}
