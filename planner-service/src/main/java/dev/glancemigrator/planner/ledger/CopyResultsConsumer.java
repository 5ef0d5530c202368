package dev.glancemigrator.planner.ledger;

import dev.glancemigrator.events.CopyResult;
import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.planner.consume.RecordHandling;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A copy result moves its image to copied, or retries or fails it. A payload that is no copy result
 * throws {@code MalformedEventException}: the record is nacked to the dead-letter topic and the next
 * one is read.
 */
@ApplicationScoped
public class CopyResultsConsumer {

    public static final String CONSUMER = "planner-ledger/copy-results";

    private final EventCodec codec = new EventCodec();
    private final TaskReports reports;
    private final RecordHandling handling;

    public CopyResultsConsumer(TaskReports reports, RecordHandling handling) {
        this.reports = reports;
        this.handling = handling;
    }

    @Incoming("copy-results")
    @Blocking
    public CompletionStage<Void> apply(Message<byte[]> record) {
        return handling.settle(CONSUMER, record,
                r -> reports.apply(codec.decode(r.getPayload(), CopyResult.class), CONSUMER));
    }
}
