package dev.glancemigrator.copier.task;

import dev.glancemigrator.copier.CopierConfig;
import dev.glancemigrator.worker.WorkerSettings;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/** The copier as a worker: copy tasks, copy slots, and it writes to the clusters marked writable. */
@Dependent
class CopierWorker {

    @Produces
    WorkerSettings settings(CopierConfig config) {
        return new WorkerSettings("copier", CopyTaskConsumer.CHANNEL, "copies",
                config.maxConcurrentCopies().orElse(Runtime.getRuntime().availableProcessors()), true, config);
    }
}
