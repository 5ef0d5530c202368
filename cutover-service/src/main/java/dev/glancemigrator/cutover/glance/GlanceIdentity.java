package dev.glancemigrator.cutover.glance;

import dev.glancemigrator.api.KeystoneSettings;
import dev.glancemigrator.api.ServiceKeystone;
import dev.glancemigrator.keystone.KeystoneClient;
import dev.glancemigrator.keystone.KeystoneRefusedException;
import dev.glancemigrator.keystone.KeystoneUnavailableException;
import dev.glancemigrator.keystone.ServiceSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Who the cutover is to Glance's API when it downloads the sample. With Keystone ({@code gm.keystone.*}), as
 * Glance runs in production: the migrator's own token (the service's one {@link ServiceSession}, shared with the
 * API's authentication), whose user holds the admin role so that every image is visible whatever its owner.
 * Without: the identity headers Glance's {@code unauthenticated-context} pipeline reads, an admin one for the
 * same reason.
 */
@ApplicationScoped
public class GlanceIdentity {

    private static final Map<String, String> UNAUTHENTICATED = Map.of("X-Roles", "admin", "X-Tenant-Id", "glance-migrator",
            "X-User-Id", "glance-migrator-cutover");

    private final Optional<ServiceSession> session;

    @Inject
    GlanceIdentity(ServiceKeystone keystone) {
        this(keystone.session());
    }

    GlanceIdentity(Optional<ServiceSession> session) {
        this.session = session;
    }

    /** With a session of its own for {@code settings} (tests). */
    static GlanceIdentity of(KeystoneSettings settings) {
        return new GlanceIdentity(new ServiceKeystone(settings).session());
    }

    /** For a Glance without Keystone. */
    static GlanceIdentity unauthenticated() {
        return new GlanceIdentity(Optional.empty());
    }

    /**
     * The headers that say who asks.
     *
     * @throws KeystoneUnavailableException Keystone does not answer, or refuses the migrator's own credentials:
     *     the check cannot be made, which says nothing of any Glance node
     */
    Map<String, String> headers() throws KeystoneUnavailableException, InterruptedException {
        if (session.isEmpty()) {
            return UNAUTHENTICATED;
        }
        try {
            return Map.of(KeystoneClient.AUTH_TOKEN, session.get().token());
        } catch (KeystoneUnavailableException e) {
            throw e;
        } catch (KeystoneRefusedException e) {
            throw new KeystoneUnavailableException("Keystone refused the migrator's own credentials (" + e.getMessage()
                    + "): check gm.keystone.user, its password file and its roles");
        } catch (IOException e) {
            // Keystone answered something unreadable (no token header, no token description): Keystone's fault too.
            throw new KeystoneUnavailableException("Keystone gave no usable token: " + e.getMessage(), e);
        }
    }

    /**
     * Glance refused {@code headers} (the token revoked, or Keystone's keys rotated): the next request gets a new
     * token; false when no token was sent (no Keystone), so asking again would not help.
     */
    boolean renew(Map<String, String> headers) {
        String sent = headers.get(KeystoneClient.AUTH_TOKEN);
        if (session.isEmpty() || sent == null) {
            return false;
        }
        session.get().renew(sent);
        return true;
    }
}
