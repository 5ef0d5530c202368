package dev.glancemigrator.cutover.events;

import dev.glancemigrator.api.ServiceHost;
import dev.glancemigrator.cutover.outbox.CutoverOutbox;
import dev.glancemigrator.events.Actor;
import dev.glancemigrator.events.CutoverCompleted;
import dev.glancemigrator.events.CutoverFailed;
import dev.glancemigrator.events.CutoverRolledBack;
import dev.glancemigrator.events.CutoverStarted;
import dev.glancemigrator.events.EventHeader;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The cutover's events, each recorded in the outbox on the caller's connection, in the transaction that
 * changes the journal or the run the event reports; the outbox relay publishes them. So the cutover
 * never waits for the broker, and a broker outage or a crash cannot lose an event nor report a change
 * that was not committed. Each names who asked: {@code operator} (the user name) and {@code actor} (null for a
 * run journaled before actors were kept).
 */
@ApplicationScoped
public class CutoverEvents {

    private final ServiceHost host;

    CutoverEvents(ServiceHost host) {
        this.host = host;
    }

    public void started(Connection connection, UUID migration, int attempt, String operator, Actor actor, int rowsToChange)
            throws SQLException {
        CutoverOutbox.add(connection, new CutoverStarted(
                EventHeader.now(CutoverStarted.SCHEMA_VERSION, migration, attempt, host.name()),
                operator, actor, rowsToChange));
    }

    public void completed(Connection connection, UUID migration, int attempt, String operator, Actor actor, int rowsChanged,
            long durationMillis, String runKind, List<String> imagesLeftOnSource) throws SQLException {
        CutoverOutbox.add(connection, new CutoverCompleted(
                EventHeader.now(CutoverCompleted.SCHEMA_VERSION, migration, attempt, host.name()),
                operator, actor, rowsChanged, durationMillis, runKind, imagesLeftOnSource));
    }

    public void failed(Connection connection, UUID migration, int attempt, String operator, Actor actor, String reason, String message)
            throws SQLException {
        CutoverOutbox.add(connection, new CutoverFailed(
                EventHeader.now(CutoverFailed.SCHEMA_VERSION, migration, attempt, host.name()),
                operator, actor, reason, message));
    }

    public void rolledBack(Connection connection, UUID migration, int attempt, String operator, Actor actor, int rowsRestored)
            throws SQLException {
        CutoverOutbox.add(connection, new CutoverRolledBack(
                EventHeader.now(CutoverRolledBack.SCHEMA_VERSION, migration, attempt, host.name()),
                operator, actor, rowsRestored));
    }
}
