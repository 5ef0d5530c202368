package dev.glancemigrator.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keystone for the services' APIs, shared by them ({@code gm.keystone.*}); checked at start-up by
 * {@link KeystoneSettings#from}. Unset {@link #authUrl()}: Keystone is off and only the static bearer
 * token is accepted.
 */
@ConfigMapping(prefix = "gm.keystone")
public interface KeystoneConfig {

    /** Keystone's public endpoint ({@code http://keystone:5000}, with or without {@code /v3}); unset: off. */
    Optional<URI> authUrl();

    /** The service's own Keystone user, which validates the tokens callers present. */
    Optional<String> user();

    /** The file holding that user's password (read at start-up; never logged). */
    Optional<Path> passwordFile();

    /** The project the service's own token is scoped to. */
    Optional<String> project();

    @WithDefault("Default")
    String userDomain();

    @WithDefault("Default")
    String projectDomain();

    /**
     * How long a validated token is trusted without asking Keystone again (never past its expiry): a token
     * revoked in Keystone is refused within this time.
     */
    @WithDefault("PT30S")
    Duration cacheTime();

    /** Validated tokens kept at most; the least recently used goes first. */
    @WithDefault("10000")
    int cacheSize();

    /** Roles of which a token needs one to read (GET, HEAD, OPTIONS); the admin roles read too. */
    @WithDefault("reader,member,admin")
    List<String> readerRoles();

    /** Roles of which a token needs one to change anything (POST, PUT, DELETE, …). */
    @WithDefault("admin")
    List<String> adminRoles();

    /** Bound on each request to Keystone; one that takes longer is an outage (503). */
    @WithDefault("PT10S")
    Duration requestTimeout();
}
