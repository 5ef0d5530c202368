package dev.glancemigrator.verifier.task;

import dev.glancemigrator.events.ImageEvent;
import dev.glancemigrator.events.MigrationEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Sends the verifier's events keyed by image id: results awaited, progress fire-and-forget. */
@ApplicationScoped
public class VerifyEventPublisher {

    private final MutinyEmitter<MigrationEvent> results;
    private final MutinyEmitter<MigrationEvent> progress;

    VerifyEventPublisher(@Channel("verify-results") MutinyEmitter<MigrationEvent> results,
            @Channel("verify-progress") MutinyEmitter<MigrationEvent> progress) {
        this.results = results;
        this.progress = progress;
    }

    /** Returns once the broker has the event: only then may the copied event be acknowledged. */
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
