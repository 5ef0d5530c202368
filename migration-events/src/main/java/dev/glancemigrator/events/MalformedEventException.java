package dev.glancemigrator.events;

/** A message that is not a valid event of the expected kind: a poison pill for the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
