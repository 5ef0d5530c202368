package dev.glancemigrator.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * Every message the services exchange. The JSON property {@code type} names the record, so a
 * consumer that expects one kind of event rejects any other as malformed instead of misreading it.
 *
 * <p>{@code eventId} identifies one emission: consumers record it to make redelivery harmless.
 * {@code attempt} counts copy attempts for image events, plan runs for {@link MigrationPlanned} and
 * cutover runs for cutover events.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = CopyTask.class, name = "copy-task"),
    @JsonSubTypes.Type(value = CopyProgress.class, name = "copy-progress"),
    @JsonSubTypes.Type(value = Copied.class, name = "copied"),
    @JsonSubTypes.Type(value = CopyFailed.class, name = "copy-failed"),
    @JsonSubTypes.Type(value = VerifyProgress.class, name = "verify-progress"),
    @JsonSubTypes.Type(value = Verified.class, name = "verified"),
    @JsonSubTypes.Type(value = VerificationFailed.class, name = "verification-failed"),
    @JsonSubTypes.Type(value = MigrationPlanned.class, name = "migration-planned"),
    @JsonSubTypes.Type(value = CutoverStarted.class, name = "cutover-started"),
    @JsonSubTypes.Type(value = CutoverCompleted.class, name = "cutover-completed"),
    @JsonSubTypes.Type(value = CutoverFailed.class, name = "cutover-failed"),
    @JsonSubTypes.Type(value = CutoverRolledBack.class, name = "cutover-rolled-back"),
})
public sealed interface MigrationEvent permits ImageEvent, MigrationScopedEvent {

    /** Version, identity, migration, attempt, origin and time: what every event carries. */
    EventHeader header();

    default int schemaVersion() {
        return header().schemaVersion();
    }

    default UUID eventId() {
        return header().eventId();
    }

    default UUID migrationId() {
        return header().migrationId();
    }

    default int attempt() {
        return header().attempt();
    }

    /** The host that produced the event (a copier's hostname, the planner's, ...). */
    default String host() {
        return header().host();
    }

    default Instant occurredAt() {
        return header().occurredAt();
    }

    /** The Kafka record key: what keeps one subject's history in order within a partition. */
    String key();
}
