package dev.glancemigrator.cutover.run;

/** A step after the journal failed (config write, restart, Glance's answer); the journal says where it stopped. */
public class CutoverStepException extends RuntimeException {
    public CutoverStepException(String message, Throwable cause) {
        super(message, cause);
    }
}
