package dev.glancemigrator.planner.plan;

import dev.glancemigrator.planner.ledger.ImageTask;
import dev.glancemigrator.planner.ledger.TaskState;
import dev.glancemigrator.planner.ledger.UtcMicros;
import dev.glancemigrator.planner.outbox.OutboxEntry;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hibernate.Session;

/**
 * What a plan run writes, a batch of images at a time, inside the run's one transaction. New tasks, their
 * first attempts and their copy tasks' outbox rows go as three multi-row statements per batch (the ledger's
 * auto-increment ids keep Hibernate from batching them: one insert each was most of a 100,000-image plan);
 * changes to existing tasks go through Hibernate. After each batch the persistence context forgets what it
 * held, so the planner's memory does not grow with the store.
 */
final class PlanWrites {

    private static final String INSERT_TASK = """
            INSERT INTO image_task (migration_id, image_id, image_name, size_bytes, glance_status, source_location,
                                    source_image, source_snapshot, state, reason, attempt, planned_in_run, planned_at,
                                    updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_FIRST_ATTEMPTS = """
            INSERT INTO task_attempt (task_id, attempt, published_at)
            SELECT id, attempt, planned_at FROM image_task
            WHERE migration_id = ? AND state = ? AND planned_in_run = ? AND image_id IN (%s)""";
    private static final String INSERT_OUTBOX = """
            INSERT INTO outbox (migration_id, event_id, event_type, topic, record_key, payload, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private final EntityManager entities;
    private final int batchSize;
    private final List<ImageTask> newTasks = new ArrayList<>();
    private final List<ImageTask> published = new ArrayList<>();
    private final List<OutboxEntry> events = new ArrayList<>();
    private int images;

    PlanWrites(EntityManager entities, int batchSize) {
        this.entities = entities;
        this.batchSize = batchSize;
    }

    /** A new task (not persisted); with {@code copyTask}, its first attempt published through the outbox. */
    void newTask(ImageTask task, OutboxEntry copyTask) {
        newTasks.add(task);
        if (copyTask != null) {
            published.add(task);
            events.add(copyTask);
        }
    }

    /** One more image of the inventory seen; every {@code batchSize} images the batch is written. */
    void imageDone() {
        if (++images % batchSize == 0) {
            flush();
        }
    }

    /** Writes what is pending: Hibernate's changes first (the migration row the tasks refer to), then the new rows. */
    void flush() {
        entities.flush();
        if (!newTasks.isEmpty()) {
            entities.unwrap(Session.class).doWork(this::insertPending);
        }
        entities.clear();
        newTasks.clear();
        published.clear();
        events.clear();
    }

    private void insertPending(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_TASK)) {
            for (ImageTask task : newTasks) {
                int i = 0;
                insert.setString(++i, task.migrationId);
                insert.setString(++i, task.imageId);
                insert.setString(++i, task.imageName);
                insert.setLong(++i, task.sizeBytes);
                insert.setString(++i, task.glanceStatus);
                insert.setString(++i, task.sourceLocation);
                insert.setString(++i, task.sourceImage);
                insert.setString(++i, task.sourceSnapshot);
                insert.setString(++i, task.state.label());
                insert.setString(++i, task.reason);
                insert.setInt(++i, task.attempt);
                insert.setInt(++i, task.plannedInRun);
                insert.setString(++i, UtcMicros.text(task.plannedAt));
                insert.setString(++i, UtcMicros.text(task.updatedAt));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        if (published.isEmpty()) {
            return;
        }
        ImageTask first = published.get(0);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_FIRST_ATTEMPTS.formatted(
                String.join(", ", Collections.nCopies(published.size(), "?"))))) {
            int i = 0;
            insert.setString(++i, first.migrationId);
            insert.setString(++i, TaskState.PLANNED.label());
            insert.setInt(++i, first.plannedInRun);
            for (ImageTask task : published) {
                insert.setString(++i, task.imageId);
            }
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_OUTBOX)) {
            for (OutboxEntry event : events) {
                int i = 0;
                insert.setString(++i, event.migrationId);
                insert.setString(++i, event.eventId);
                insert.setString(++i, event.eventType);
                insert.setString(++i, event.topic);
                insert.setString(++i, event.recordKey);
                insert.setBytes(++i, event.payload);
                insert.setString(++i, UtcMicros.text(event.createdAt));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
