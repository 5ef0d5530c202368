package dev.glancemigrator.copier.copy;

/** Told at most once per progress interval how far a copy is. */
@FunctionalInterface
public interface CopyProgressListener {

    /** {@code bytesDone} counts holes as done, so it reaches {@code bytesTotal} (the image size). */
    void progress(long bytesDone, long bytesTotal, long bytesPerSecond);
}
