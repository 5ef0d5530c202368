package dev.glancemigrator.keystone;

import java.io.IOException;

/** Keystone did not answer, or answered with a server error: an outage, never a verdict on a token. */
public class KeystoneUnavailableException extends IOException {

    public KeystoneUnavailableException(String message) {
        super(message);
    }

    public KeystoneUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
