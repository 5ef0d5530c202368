package dev.glancemigrator.verifier.task;

import dev.glancemigrator.worker.task.TaskWorker;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Copy results: every {@code copied} event is verified and then acknowledged; a failed copy is the
 * planner's business (see {@link VerifyHandler}, {@link TaskWorker}).
 */
@ApplicationScoped
public class CopiedConsumer {

    static final String CHANNEL = "copy-results";

    private final TaskWorker worker;
    private final VerifyHandler handler;

    CopiedConsumer(TaskWorker worker, VerifyHandler handler) {
        this.worker = worker;
        this.handler = handler;
    }

    @Incoming(CHANNEL)
    @Blocking(value = "verify-workers", ordered = false)
    public CompletionStage<Void> onCopyResult(Message<byte[]> message) {
        return worker.take(message, handler);
    }
}
