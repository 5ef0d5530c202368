package dev.glancemigrator.cli.http;

/** A service did not answer: refused connection, unknown host, or no answer in time (exit code 3). */
public class ServiceUnreachableException extends RuntimeException {

    public ServiceUnreachableException(String message) {
        super(message);
    }
}
