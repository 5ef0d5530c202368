package dev.glancemigrator.verifier.task;

import dev.glancemigrator.verifier.VerifierConfig;
import dev.glancemigrator.worker.WorkerSettings;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/** The verifier as a worker: copy results, verification slots, and it never writes. */
@Dependent
class VerifierWorker {

    @Produces
    WorkerSettings settings(VerifierConfig config) {
        return new WorkerSettings("verifier", CopiedConsumer.CHANNEL, "verifications",
                config.maxConcurrentVerifications().orElse(Runtime.getRuntime().availableProcessors()), false, config);
    }
}
