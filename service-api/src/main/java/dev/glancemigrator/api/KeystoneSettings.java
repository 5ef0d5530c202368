package dev.glancemigrator.api;

import dev.glancemigrator.keystone.KeystoneCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link KeystoneConfig}, checked: what the API's authentication needs of it. A Keystone that is
 * configured but incomplete stops the service at start-up rather than leave its API refusing everyone.
 *
 * @param authUrl empty: Keystone is off
 */
public record KeystoneSettings(Optional<URI> authUrl, String user, String password, String project, String userDomain,
        String projectDomain, Duration cacheTime, int cacheSize, Set<String> readerRoles, Set<String> adminRoles,
        Duration requestTimeout) {

    static final String PREFIX = "gm.keystone.";

    /** Keystone off, with the defaults for the rest (services and tests without Keystone). */
    public static KeystoneSettings off() {
        return new KeystoneSettings(Optional.empty(), null, null, null, KeystoneConfig.DEFAULT_DOMAIN,
                KeystoneConfig.DEFAULT_DOMAIN, Duration.parse(KeystoneConfig.DEFAULT_CACHE_TIME),
                Integer.parseInt(KeystoneConfig.DEFAULT_CACHE_SIZE),
                roles(List.of(KeystoneConfig.DEFAULT_READER_ROLES.split(",")), "reader-roles"),
                roles(List.of(KeystoneConfig.DEFAULT_ADMIN_ROLES.split(",")), "admin-roles"),
                Duration.parse(KeystoneConfig.DEFAULT_REQUEST_TIMEOUT));
    }

    public static KeystoneSettings from(KeystoneConfig config) {
        if (config.cacheTime().isNegative()) {
            throw new IllegalArgumentException(PREFIX + "cache-time must not be negative, was " + config.cacheTime());
        }
        if (config.cacheSize() < 1) {
            throw new IllegalArgumentException(PREFIX + "cache-size must be 1 or more, was " + config.cacheSize());
        }
        if (config.requestTimeout().isNegative() || config.requestTimeout().isZero()) {
            throw new IllegalArgumentException(PREFIX + "request-timeout must be positive, was " + config.requestTimeout());
        }
        Set<String> readers = roles(config.readerRoles(), "reader-roles");
        Set<String> admins = roles(config.adminRoles(), "admin-roles");
        if (config.authUrl().isEmpty()) {
            return new KeystoneSettings(Optional.empty(), null, null, null, config.userDomain(), config.projectDomain(),
                    config.cacheTime(), config.cacheSize(), readers, admins, config.requestTimeout());
        }
        URI url = config.authUrl().get();
        if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
            throw new IllegalArgumentException(PREFIX + "auth-url must be an http or https URL, was " + url);
        }
        String user = required(config.user(), "user");
        String project = required(config.project(), "project");
        Path file = config.passwordFile().orElseThrow(() -> new IllegalArgumentException(
                PREFIX + "password-file is required when " + PREFIX + "auth-url is set"));
        String password;
        try {
            password = SecretFile.read(file);
        } catch (IOException e) {
            // The path and the failure; never the content.
            throw new IllegalArgumentException(PREFIX + "password-file names no readable, non-empty file (" + file + ": "
                    + e.getMessage() + ")");
        }
        return new KeystoneSettings(Optional.of(url), user, password, project, config.userDomain(),
                config.projectDomain(), config.cacheTime(), config.cacheSize(), readers, admins, config.requestTimeout());
    }

    private static String required(Optional<String> value, String key) {
        return value.filter(v -> !v.isBlank()).map(String::strip).orElseThrow(() -> new IllegalArgumentException(
                PREFIX + key + " is required when " + PREFIX + "auth-url is set"));
    }

    private static Set<String> roles(List<String> roles, String key) {
        Set<String> names = roles.stream().map(String::strip).filter(r -> !r.isEmpty())
                .map(r -> r.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (names.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + key + " must name at least one role");
        }
        return names;
    }

    public boolean enabled() {
        return authUrl.isPresent();
    }

    /** The service's own credentials, with which it validates tokens and calls other OpenStack APIs; empty: off. */
    public Optional<KeystoneCredentials> credentials() {
        return authUrl.map(url -> new KeystoneCredentials.Password(url, user, userDomain, password, project, projectDomain));
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "KeystoneSettings[" + authUrl.map(URI::toString).orElse("off") + (enabled() ? ", user " + user + "@"
                + userDomain + ", project " + project + "@" + projectDomain : "") + ", cache " + cacheTime + " x "
                + cacheSize + ", readers " + new ArrayList<>(readerRoles) + ", admins " + new ArrayList<>(adminRoles) + "]";
    }
}
