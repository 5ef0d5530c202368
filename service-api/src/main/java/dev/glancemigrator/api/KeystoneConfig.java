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

    /** The defaults, as text for {@code @WithDefault} and read by {@link KeystoneSettings#off()}: one set for both. */
    String DEFAULT_DOMAIN = "Default";
    String DEFAULT_CACHE_TIME = "PT30S";
    String DEFAULT_CACHE_SIZE = "10000";
    String DEFAULT_READER_ROLES = "reader,member,admin";
    String DEFAULT_ADMIN_ROLES = "admin";
    String DEFAULT_REQUEST_TIMEOUT = "PT10S";

    /** Keystone's public endpoint ({@code http://keystone:5000}, with or without {@code /v3}); unset: off. */
    Optional<URI> authUrl();

    /** The service's own Keystone user, which validates the tokens callers present. */
    Optional<String> user();

    /** The file holding that user's password (read at start-up; never logged). */
    Optional<Path> passwordFile();

    /** The project the service's own token is scoped to. */
    Optional<String> project();

    @WithDefault(DEFAULT_DOMAIN)
    String userDomain();

    @WithDefault(DEFAULT_DOMAIN)
    String projectDomain();

    /**
     * How long a validated token is trusted without asking Keystone again (never past its expiry): a token
     * revoked in Keystone is refused within this time.
     */
    @WithDefault(DEFAULT_CACHE_TIME)
    Duration cacheTime();

    /** Validated tokens kept at most; the least recently used goes first. */
    @WithDefault(DEFAULT_CACHE_SIZE)
    int cacheSize();

    /** Roles of which a token needs one to read (GET, HEAD, OPTIONS); the admin roles read too. */
    @WithDefault(DEFAULT_READER_ROLES)
    List<String> readerRoles();

    /** Roles of which a token needs one to change anything (POST, PUT, DELETE, …). */
    @WithDefault(DEFAULT_ADMIN_ROLES)
    List<String> adminRoles();

    /** Bound on each request to Keystone; one that takes longer is an outage (503). */
    @WithDefault(DEFAULT_REQUEST_TIMEOUT)
    Duration requestTimeout();
}
