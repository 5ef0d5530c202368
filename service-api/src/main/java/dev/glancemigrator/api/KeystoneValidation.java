package dev.glancemigrator.api;

import dev.glancemigrator.keystone.Identity;
import dev.glancemigrator.keystone.KeystoneClient;
import dev.glancemigrator.keystone.KeystoneRefusedException;
import dev.glancemigrator.keystone.ServiceSession;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Optional;

/**
 * Validates presented tokens with Keystone ({@code GET /v3/auth/tokens}, {@code X-Subject-Token}), the service's
 * own token asking; that token is issued with the service's credentials and renewed before it expires, and once
 * more when Keystone refuses it (401). Only Keystone's 404 (and 400, a malformed subject) says the subject is no
 * valid token. A 401 is about the service's own {@code X-Auth-Token}: after the renewal, a fresh one refused is a
 * fault on Keystone's side (or of the service's user), like Keystone not answering or refusing the service's own
 * credentials: an {@link IOException}, an outage answered 503, never a verdict on the caller.
 */
final class KeystoneValidation implements KeystoneTokens {

    private static final int UNAUTHORIZED = 401;
    private static final int BAD_REQUEST = 400;

    private final KeystoneClient client;
    private final ServiceSession session;
    private final URI endpoint;

    KeystoneValidation(ServiceSession session) {
        this.client = session.client();
        this.session = session;
        this.endpoint = session.credentials().identityEndpoint();
    }

    /** With a session of its own (tests); a service shares {@link ServiceKeystone#session()}. */
    static KeystoneTokens of(KeystoneSettings settings) {
        return new KeystoneValidation(ServiceKeystone.sessionOf(settings).orElseThrow());
    }

    @Override
    public Optional<ValidToken> validate(String subjectToken) throws IOException {
        try {
            String own = ownToken();
            try {
                return ask(own, subjectToken);
            } catch (KeystoneRefusedException e) {
                if (e.status() != UNAUTHORIZED) {
                    throw e;
                }
                session.renew(own); // revoked, or Keystone's keys rotated: once more with a new one
                return ask(ownToken(), subjectToken);
            }
        } catch (KeystoneRefusedException e) {
            if (e.status() == BAD_REQUEST) {
                return Optional.empty();
            }
            throw new IOException("Keystone refused the service's own request (" + e.getMessage() + "): check "
                    + KeystoneSettings.PREFIX + "user and its roles", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking Keystone");
        }
    }

    private String ownToken() throws IOException, InterruptedException {
        try {
            return session.token();
        } catch (KeystoneRefusedException e) {
            // Our credentials, not the caller's token: an outage for the caller.
            throw new IOException("Keystone refused the service's credentials: " + e.getMessage(), e);
        }
    }

    private Optional<ValidToken> ask(String own, String subjectToken)
            throws IOException, KeystoneRefusedException, InterruptedException {
        return client.validate(endpoint, own, subjectToken).map(KeystoneValidation::valid);
    }

    private static ValidToken valid(Identity identity) {
        return new ValidToken(identity.userId(), identity.userName(), identity.projectId(), identity.projectName(),
                identity.roles(), identity.expiresAt());
    }
}
