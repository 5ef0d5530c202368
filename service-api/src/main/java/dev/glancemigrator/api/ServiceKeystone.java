package dev.glancemigrator.api;

import dev.glancemigrator.keystone.KeystoneClient;
import dev.glancemigrator.keystone.ServiceSession;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.util.Optional;

/**
 * The service's Keystone, once per service: its checked {@link KeystoneSettings} (the password file read once)
 * and its own {@link ServiceSession} (empty when Keystone is off), shared by the API's authentication, which
 * validates callers' tokens with it, and by whatever calls another OpenStack API as the service (the cutover's
 * Glance check). One session, so one token and one memory of a Keystone outage for all of them.
 *
 * <p>Made on first use, not at injection: {@link ApiAuthenticationFilter} is made at static init, before the
 * configuration can be read.
 */
@Singleton
@Unremovable
public class ServiceKeystone {

    private record Made(KeystoneSettings settings, Optional<ServiceSession> session) {
    }

    private final Instance<KeystoneConfig> config;
    private volatile Made made;

    @Inject
    ServiceKeystone(Instance<KeystoneConfig> config) {
        this.config = config;
    }

    /** For tests and tools: from settings already made. */
    public ServiceKeystone(KeystoneSettings settings) {
        this.config = null;
        this.made = new Made(settings, sessionOf(settings));
    }

    /**
     * The checked settings; Keystone off when the service has no {@code gm.keystone} mapping.
     *
     * @throws IllegalArgumentException when Keystone is configured but incomplete
     */
    public KeystoneSettings settings() {
        return made().settings();
    }

    /** The service's own Keystone session; empty when Keystone is off. */
    public Optional<ServiceSession> session() {
        return made().session();
    }

    private Made made() {
        Made done = made;
        if (done == null) {
            synchronized (this) {
                if (made == null) {
                    KeystoneSettings settings = config.isResolvable() ? KeystoneSettings.from(config.get())
                            : KeystoneSettings.off();
                    made = new Made(settings, sessionOf(settings));
                }
                done = made;
            }
        }
        return done;
    }

    /** A new session for {@code settings}' credentials; empty when Keystone is off. */
    static Optional<ServiceSession> sessionOf(KeystoneSettings settings) {
        return settings.credentials().map(credentials -> new ServiceSession(new KeystoneClient(
                HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build(), settings.requestTimeout()),
                credentials));
    }
}
