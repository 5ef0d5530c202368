package dev.glancemigrator.api;

import dev.glancemigrator.keystone.Identity;
import dev.glancemigrator.keystone.KeystoneClient;
import dev.glancemigrator.keystone.KeystoneRefusedException;
import dev.glancemigrator.keystone.ServiceSession;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Optional;

/**
 * Validates presented tokens with Keystone ({@code GET /v3/auth/tokens}, {@code X-Subject-Token}), the service's
 * own token asking; that token is issued with the service's credentials and renewed before it expires, and once
 * more when Keystone refuses it (401). A subject Keystone does not know (404, or 401 even with a fresh service
 * token) is no valid token; Keystone not answering, or refusing the service's own credentials, is an
 * {@link IOException}: an outage, answered 503, not a verdict on the caller.
 */
final class KeystoneValidation implements KeystoneTokens {

    private static final int UNAUTHORIZED = 401;
    private static final int BAD_REQUEST = 400;

    private final KeystoneClient client;
    private final ServiceSession session;
    private final URI endpoint;

    KeystoneValidation(KeystoneClient client, ServiceSession session) {
        this.client = client;
        this.session = session;
        this.endpoint = session.credentials().identityEndpoint();
    }

    static KeystoneTokens of(KeystoneSettings settings) {
        KeystoneClient client = new KeystoneClient(HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build(),
                settings.requestTimeout());
        return new KeystoneValidation(client, new ServiceSession(client, settings.credentials().orElseThrow()));
    }

    @Override
    public Optional<ValidToken> validate(String subjectToken) throws IOException {
        try {
            try {
                return ask(subjectToken);
            } catch (KeystoneRefusedException e) {
                if (e.status() != UNAUTHORIZED) {
                    throw e;
                }
                session.renew(); // revoked, or Keystone's keys rotated: once more with a new one
                return ask(subjectToken);
            }
        } catch (KeystoneRefusedException e) {
            if (e.status() == UNAUTHORIZED || e.status() == BAD_REQUEST) {
                return Optional.empty();
            }
            throw new IOException("Keystone refused the service's own request (" + e.getMessage() + "): check "
                    + KeystoneSettings.PREFIX + "user and its roles", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while asking Keystone");
        }
    }

    private Optional<ValidToken> ask(String subjectToken) throws IOException, KeystoneRefusedException, InterruptedException {
        String own;
        try {
            own = session.token();
        } catch (KeystoneRefusedException e) {
            // Our credentials, not the caller's token: an outage for the caller.
            throw new IOException("Keystone refused the service's credentials: " + e.getMessage(), e);
        }
        return client.validate(endpoint, own, subjectToken).map(KeystoneValidation::valid);
    }

    private static ValidToken valid(Identity identity) {
        return new ValidToken(identity.userId(), identity.userName(), identity.projectId(), identity.projectName(),
                identity.roles(), identity.expiresAt());
    }
}
