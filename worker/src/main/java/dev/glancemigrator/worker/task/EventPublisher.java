package dev.glancemigrator.worker.task;

import dev.glancemigrator.events.ImageEvent;
import dev.glancemigrator.events.MigrationEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends a worker's events keyed by image id: results awaited, progress fire-and-forget. Each service
 * maps the two channels to its own topics ({@code mp.messaging.outgoing.results.topic}, ...).
 */
@ApplicationScoped
public class EventPublisher {

    public static final String RESULTS = "results";
    public static final String PROGRESS = "progress";

    private final MutinyEmitter<MigrationEvent> results;
    private final MutinyEmitter<MigrationEvent> progress;

    EventPublisher(@Channel(RESULTS) MutinyEmitter<MigrationEvent> results,
            @Channel(PROGRESS) MutinyEmitter<MigrationEvent> progress) {
        this.results = results;
        this.progress = progress;
    }

    /** Returns once the broker has the event: only then may the task be acknowledged. */
    void result(ImageEvent event) {
        results.sendMessageAndAwait(keyed(event));
    }

    void progress(ImageEvent event) {
        progress.sendMessageAndForget(keyed(event));
    }

    private static Message<MigrationEvent> keyed(ImageEvent event) {
        return Message.<MigrationEvent>of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build());
    }
}
