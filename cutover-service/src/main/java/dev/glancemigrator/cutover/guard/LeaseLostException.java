package dev.glancemigrator.cutover.guard;

/**
 * This instance can no longer show that it holds its guard (its lease ran out unrenewed, or another
 * took it): the work must stop before its next change, as another instance may now be running.
 */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(String message) {
        super(message);
    }
}
