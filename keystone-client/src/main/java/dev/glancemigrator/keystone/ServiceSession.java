package dev.glancemigrator.keystone;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A service's own Keystone token, issued on first use and issued again before it expires (or when
 * Keystone refused it: {@link #renew()}), so that every call carries a valid one without a round trip each.
 */
public final class ServiceSession {

    /**
     * Renewed this long before Keystone's expiry (or half way through a shorter life), so a token never
     * expires between its check and its use.
     */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final KeystoneClient keystone;
    private final KeystoneCredentials credentials;
    private final Clock clock;
    private IssuedToken current;
    private Instant renewAt;

    public ServiceSession(KeystoneClient keystone, KeystoneCredentials credentials) {
        this(keystone, credentials, Clock.systemUTC());
    }

    ServiceSession(KeystoneClient keystone, KeystoneCredentials credentials, Clock clock) {
        this.keystone = keystone;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** Where this session's Keystone is. */
    public KeystoneCredentials credentials() {
        return credentials;
    }

    /** A valid token of the service's own. */
    public synchronized String token() throws IOException, KeystoneRefusedException, InterruptedException {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(renewAt)) {
            current = keystone.issue(credentials);
            Duration life = Duration.between(now, current.identity().expiresAt());
            Duration margin = life.dividedBy(2).compareTo(RENEW_BEFORE_EXPIRY) < 0 ? life.dividedBy(2) : RENEW_BEFORE_EXPIRY;
            renewAt = current.identity().expiresAt().minus(margin);
        }
        return current.token();
    }

    /** Forgets the token (Keystone refused it: revoked, or Keystone's keys rotated); the next call issues one. */
    public synchronized void renew() {
        current = null;
    }
}
