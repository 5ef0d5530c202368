package dev.glancemigrator.verifier.task;

import dev.glancemigrator.events.Copied;
import dev.glancemigrator.events.CopyResult;
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
 * Every {@code copied} event is verified and then acknowledged; a failed copy is the planner's
 * business; a message that is not a copy result goes to the dead-letter topic.
 */
@ApplicationScoped
public class CopiedConsumer {

    static final String CHANNEL = "copy-results";
    private static final Logger LOG = Logger.getLogger(CopiedConsumer.class);

    private final EventCodec codec = new EventCodec();
    private final VerifyWorker worker;

    CopiedConsumer(VerifyWorker worker) {
        this.worker = worker;
    }

    @Incoming(CHANNEL)
    @Blocking(value = "verify-workers", ordered = false)
    public CompletionStage<Void> onCopyResult(Message<byte[]> message) {
        CopyResult result;
        try {
            result = codec.decode(message.getPayload(), CopyResult.class);
        } catch (MalformedEventException e) {
            LOG.warnf("dead-lettering a malformed copy result: %s", e.getMessage());
            return message.nack(e);
        }
        if (!(result instanceof Copied copied)) {
            return message.ack();
        }
        return worker.verify(copied) ? message.ack() : CompletableFuture.completedFuture(null);
    }
}
