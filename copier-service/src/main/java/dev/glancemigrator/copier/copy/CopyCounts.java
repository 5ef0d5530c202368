package dev.glancemigrator.copier.copy;

/** What a copy did: source bytes read, bytes written to the target, bytes skipped as zeros. */
public record CopyCounts(long bytesRead, long bytesWritten, long zeroBytesSkipped) {
}
