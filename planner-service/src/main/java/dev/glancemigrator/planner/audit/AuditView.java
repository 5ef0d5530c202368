package dev.glancemigrator.planner.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One audited event: what it was, who emitted it when, and where it sits in Kafka. */
public record AuditView(
        long sequence,
        String eventId,
        String type,
        String imageId,
        int attempt,
        String host,
        Instant occurredAt,
        String topic,
        int partition,
        long offset,
        Instant recordedAt,
        @JsonRawValue @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT,
                description = "the event as published") String event) {

    static AuditView of(AuditEntry e) {
        return new AuditView(e.id, e.eventId, e.eventType, e.imageId, e.attempt, e.host, e.occurredAt, e.topic,
                e.partition, e.offset, e.recordedAt, e.payload);
    }
}
