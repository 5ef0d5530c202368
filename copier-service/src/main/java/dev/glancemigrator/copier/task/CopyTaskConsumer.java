package dev.glancemigrator.copier.task;

import dev.glancemigrator.events.CopyTask;
import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.MalformedEventException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * A copy task is copied and then acknowledged; a message that is not a copy task goes to the
 * dead-letter topic; a copy abandoned at shutdown stays unacknowledged for another copier.
 */
@ApplicationScoped
public class CopyTaskConsumer {

    static final String CHANNEL = "copy-tasks";
    private static final Logger LOG = Logger.getLogger(CopyTaskConsumer.class);

    private final EventCodec codec = new EventCodec();
    private final CopyWorker worker;

    CopyTaskConsumer(CopyWorker worker) {
        this.worker = worker;
    }

    @Incoming(CHANNEL)
    @Blocking(value = "copy-workers", ordered = false)
    public CompletionStage<Void> onTask(Message<byte[]> message) {
        CopyTask task;
        try {
            task = codec.decode(message.getPayload(), CopyTask.class);
        } catch (MalformedEventException e) {
            LOG.warnf("dead-lettering a malformed copy task: %s", e.getMessage());
            return message.nack(e);
        }
        return worker.run(task) == CopyWorker.Result.REPORTED ? message.ack() : CompletableFuture.completedFuture(null);
    }
}
