package dev.glancemigrator.planner.ledger;

import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.VerifyResult;
import dev.glancemigrator.planner.consume.RecordHandling;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** A verify result makes its image verified, or publishes the next attempt, or fails the image. */
@ApplicationScoped
public class VerifyResultsConsumer {

    public static final String CONSUMER = "planner-ledger/verify-results";

    private final EventCodec codec = new EventCodec();
    private final TaskReports reports;
    private final RecordHandling handling;

    public VerifyResultsConsumer(TaskReports reports, RecordHandling handling) {
        this.reports = reports;
        this.handling = handling;
    }

    @Incoming("verify-results")
    @Blocking
    public CompletionStage<Void> apply(Message<byte[]> record) {
        return handling.settle(CONSUMER, record,
                r -> reports.apply(codec.decode(r.getPayload(), VerifyResult.class), CONSUMER));
    }
}
