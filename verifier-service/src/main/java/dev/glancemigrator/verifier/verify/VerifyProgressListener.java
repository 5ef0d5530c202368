package dev.glancemigrator.verifier.verify;

/** Told at most once per progress interval how far a verification is (holes count as done). */
@FunctionalInterface
public interface VerifyProgressListener {

    void progress(long bytesDone, long bytesTotal, long bytesPerSecond);
}
