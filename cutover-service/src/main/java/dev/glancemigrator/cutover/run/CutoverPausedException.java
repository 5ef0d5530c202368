package dev.glancemigrator.cutover.run;

/**
 * A cutover or rollback stopped because a dependency is unavailable (Keystone, for the Glance check): an outage,
 * not a failure. Nothing is recorded as failed and no event says so; the run stays where it stopped, its journal
 * message saying why, and the same request resumes it once the dependency is back (503, Retry-After).
 */
public class CutoverPausedException extends RuntimeException {
    public CutoverPausedException(String message, Throwable cause) {
        super(message, cause);
    }
}
