package dev.glancemigrator.planner.ledger;

import dev.glancemigrator.events.CopyProgress;
import dev.glancemigrator.events.EventCodec;
import dev.glancemigrator.events.VerifyProgress;
import dev.glancemigrator.planner.consume.RecordHandling;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Progress reports: which host copies or verifies what, how far it got, and so the current rate.
 * A repeated report writes the same values again, so no event ids are kept for them.
 */
@ApplicationScoped
public class ProgressConsumer {

    private final EventCodec codec = new EventCodec();
    private final TaskReports reports;
    private final RecordHandling handling;

    public ProgressConsumer(TaskReports reports, RecordHandling handling) {
        this.reports = reports;
        this.handling = handling;
    }

    @Incoming("copy-progress")
    @Blocking
    public CompletionStage<Void> copying(Message<byte[]> record) {
        return handling.settle("planner-progress/copy-progress", record,
                r -> reports.apply(codec.decode(r.getPayload(), CopyProgress.class), null));
    }

    @Incoming("verify-progress")
    @Blocking
    public CompletionStage<Void> verifying(Message<byte[]> record) {
        return handling.settle("planner-progress/verify-progress", record,
                r -> reports.apply(codec.decode(r.getPayload(), VerifyProgress.class), null));
    }
}
