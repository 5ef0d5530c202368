package dev.glancemigrator.cutover.ceph;

/** A cluster (or its pool) did not answer, or is not the one configured: no answer rather than a wrong one (503). */
public class ClusterUnreachableException extends RuntimeException {

    public ClusterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
