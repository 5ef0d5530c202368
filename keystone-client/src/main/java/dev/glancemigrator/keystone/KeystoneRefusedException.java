package dev.glancemigrator.keystone;

/**
 * Keystone answered and refused: the credentials are wrong, or the token that authenticates a validation
 * is no longer valid. The message says which and never carries a secret.
 */
public class KeystoneRefusedException extends Exception {

    private final int status;

    public KeystoneRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** Keystone's HTTP status (401 for bad credentials, 403 when the user may not do this). */
    public int status() {
        return status;
    }
}
