package dev.glancemigrator.keystone;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A service's own Keystone token, issued on first use and issued again before it expires (or when
 * Keystone refused it: {@link #renew(String)}), so that every call carries a valid one without a round trip each.
 * One per service, shared by every thread that calls Keystone or another OpenStack API on its behalf.
 */
public final class ServiceSession {

    /**
     * Renewed this long before Keystone's expiry (or half way through a shorter life), so a token never
     * expires between its check and its use.
     */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    /**
     * How long a failure to issue (Keystone not answering, or answering 5xx) is remembered and thrown again
     * at once. Issuing happens under the session's lock: without this, every caller queued behind a Keystone
     * that does not answer would wait its own request timeout in turn. Short, so a Keystone that came back is
     * asked again within seconds.
     */
    public static final Duration DEFAULT_FAILURE_MEMORY = Duration.ofSeconds(2);

    private final KeystoneClient keystone;
    private final KeystoneCredentials credentials;
    private final Clock clock;
    private final Duration failureMemory;
    private IssuedToken current;
    private Instant renewAt;
    private KeystoneUnavailableException lastFailure;
    private Instant failedUntil;

    public ServiceSession(KeystoneClient keystone, KeystoneCredentials credentials) {
        this(keystone, credentials, Clock.systemUTC(), DEFAULT_FAILURE_MEMORY);
    }

    ServiceSession(KeystoneClient keystone, KeystoneCredentials credentials, Clock clock, Duration failureMemory) {
        this.keystone = keystone;
        this.credentials = credentials;
        this.clock = clock;
        this.failureMemory = failureMemory;
    }

    /** Where this session's Keystone is. */
    public KeystoneCredentials credentials() {
        return credentials;
    }

    /** The client this session issues its tokens with, for the calls made with them. */
    public KeystoneClient client() {
        return keystone;
    }

    /**
     * A valid token of the service's own.
     *
     * @throws KeystoneUnavailableException Keystone does not answer; within {@link #DEFAULT_FAILURE_MEMORY} (or the
     *     configured memory) of such a failure, the same failure again without asking
     */
    public synchronized String token() throws IOException, KeystoneRefusedException, InterruptedException {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(renewAt)) {
            if (lastFailure != null && now.isBefore(failedUntil)) {
                throw new KeystoneUnavailableException(lastFailure.getMessage() + " (a moment ago; not asked again yet)",
                        lastFailure);
            }
            IssuedToken issued;
            try {
                issued = keystone.issue(credentials);
            } catch (KeystoneUnavailableException e) {
                lastFailure = e;
                failedUntil = clock.instant().plus(failureMemory);
                throw e;
            }
            lastFailure = null;
            current = issued;
            Duration life = Duration.between(now, current.identity().expiresAt());
            Duration margin = life.dividedBy(2).compareTo(RENEW_BEFORE_EXPIRY) < 0 ? life.dividedBy(2) : RENEW_BEFORE_EXPIRY;
            renewAt = current.identity().expiresAt().minus(margin);
        }
        return current.token();
    }

    /**
     * Forgets {@code stale}, a token of this session that Keystone or another API refused (revoked, or Keystone's
     * keys rotated); the next call issues one. A token another thread got meanwhile is kept: it is not the one
     * refused.
     */
    public synchronized void renew(String stale) {
        if (current != null && current.token().equals(stale)) {
            current = null;
        }
    }
}
