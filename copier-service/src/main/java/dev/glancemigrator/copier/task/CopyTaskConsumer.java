package dev.glancemigrator.copier.task;

import dev.glancemigrator.worker.task.TaskWorker;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Copy tasks, each copied and then acknowledged (see {@link TaskWorker}). */
@ApplicationScoped
public class CopyTaskConsumer {

    static final String CHANNEL = "copy-tasks";

    private final TaskWorker worker;
    private final CopyHandler handler;

    CopyTaskConsumer(TaskWorker worker, CopyHandler handler) {
        this.worker = worker;
        this.handler = handler;
    }

    @Incoming(CHANNEL)
    @Blocking(value = "copy-workers", ordered = false)
    public CompletionStage<Void> onTask(Message<byte[]> message) {
        return worker.take(message, handler);
    }
}
