package dev.glancemigrator.copier.copy;

/** The copy stopped on request (shutdown); the partial target stays and a later attempt resumes it. */
public class CopyAbandonedException extends RuntimeException {

    public CopyAbandonedException(String image) {
        super("copy of " + image + " abandoned; the partial copy stays for a later attempt to resume");
    }

    protected CopyAbandonedException(String message, Throwable cause) {
        super(message, cause);
    }
}
