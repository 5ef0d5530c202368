package dev.glancemigrator.worker.progress;

/** Told at most once per progress interval how far a task is. */
@FunctionalInterface
public interface ProgressListener {

    /** {@code bytesDone} counts holes as done, so it reaches {@code bytesTotal} (the image size). */
    void progress(long bytesDone, long bytesTotal, long bytesPerSecond);
}
