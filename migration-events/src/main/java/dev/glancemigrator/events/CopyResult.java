package dev.glancemigrator.events;

/** What a copier reports when it is done with a task: the messages of {@link Topics#COPY_RESULTS}. */
public sealed interface CopyResult extends ImageEvent permits Copied, CopyFailed {
}
