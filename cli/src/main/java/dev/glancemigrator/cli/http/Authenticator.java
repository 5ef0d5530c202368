package dev.glancemigrator.cli.http;

import java.util.Optional;

/**
 * What authenticates the CLI's requests: the header each one carries, and, when a service answers 401 (a
 * Keystone token expired during a long {@code status --watch}, or was revoked), a new one if there is a way
 * to get it.
 */
public interface Authenticator {

    /** The header for the next request; empty: requests go without one. */
    Optional<AuthHeader> header();

    /** Gets a new header for the next request; false when there is no other to get (a static or a given token). */
    boolean renew();

    /** A header that never changes. */
    static Authenticator fixed(Optional<AuthHeader> header) {
        return new Authenticator() {
            @Override
            public Optional<AuthHeader> header() {
                return header;
            }

            @Override
            public boolean renew() {
                return false;
            }
        };
    }
}
