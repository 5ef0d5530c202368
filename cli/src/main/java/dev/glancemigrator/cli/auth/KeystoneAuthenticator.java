package dev.glancemigrator.cli.auth;

import dev.glancemigrator.cli.http.AuthHeader;
import dev.glancemigrator.cli.http.Authenticator;
import java.util.Optional;

/**
 * The Keystone token of an {@link OpenStackLogin}, issued at the first request and shared by both services;
 * issued again when a service refuses it, as long as the login can issue one (a given token cannot).
 */
public final class KeystoneAuthenticator implements Authenticator {

    private final OpenStackLogin login;
    private final OpenStackTokens tokens;
    private AuthHeader current;

    public KeystoneAuthenticator(OpenStackLogin login, OpenStackTokens tokens) {
        this.login = login;
        this.tokens = tokens;
    }

    @Override
    public synchronized Optional<AuthHeader> header() {
        if (current == null) {
            current = AuthHeader.keystone(tokens.token(login));
        }
        return Optional.of(current);
    }

    @Override
    public synchronized boolean renew() {
        if (login instanceof OpenStackLogin.GivenToken) {
            return false;
        }
        current = null;
        return true;
    }
}
