package dev.glancemigrator.cutover.glance;

import dev.glancemigrator.api.KeystoneConfig;
import dev.glancemigrator.api.KeystoneSettings;
import dev.glancemigrator.keystone.KeystoneClient;
import dev.glancemigrator.keystone.KeystoneRefusedException;
import dev.glancemigrator.keystone.ServiceSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.Optional;

/**
 * Who the cutover is to Glance's API when it downloads the sample. With Keystone ({@code gm.keystone.*}), as
 * Glance runs in production: the migrator's own token, whose user holds the admin role so that every image
 * is visible whatever its owner. Without: the identity headers Glance's {@code unauthenticated-context}
 * pipeline reads, an admin one for the same reason.
 */
@ApplicationScoped
public class GlanceIdentity {

    private static final Map<String, String> UNAUTHENTICATED = Map.of("X-Roles", "admin", "X-Tenant-Id", "glance-migrator",
            "X-User-Id", "glance-migrator-cutover");

    private final Optional<ServiceSession> session;

    @Inject
    GlanceIdentity(KeystoneConfig config) {
        this(KeystoneSettings.from(config));
    }

    GlanceIdentity(KeystoneSettings settings) {
        this.session = settings.credentials().map(credentials -> new ServiceSession(new KeystoneClient(
                HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build(), settings.requestTimeout()),
                credentials));
    }

    /** For a Glance without Keystone. */
    static GlanceIdentity unauthenticated() {
        return new GlanceIdentity(KeystoneSettings.off());
    }

    /**
     * The headers that say who asks. Keystone not answering, or refusing the migrator's credentials, is an
     * {@link IOException}: the check cannot be made, which says nothing of the node.
     */
    Map<String, String> headers() throws IOException, InterruptedException {
        if (session.isEmpty()) {
            return UNAUTHENTICATED;
        }
        try {
            return Map.of(KeystoneClient.AUTH_TOKEN, session.get().token());
        } catch (KeystoneRefusedException e) {
            throw new IOException("Keystone refused the migrator's own credentials: " + e.getMessage());
        }
    }

    /** Glance refused the token (revoked, or Keystone's keys rotated): the next request gets a new one. */
    boolean renew() {
        session.ifPresent(ServiceSession::renew);
        return session.isPresent();
    }
}
