package dev.glancemigrator.cli.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * OpenStack credentials as found, before any exchange with Keystone: the {@code auth:} keys of a
 * {@code clouds.yaml} cloud or the {@code OS_*} variables, by their clouds.yaml names ({@code auth_url},
 * {@code username}, {@code password}, {@code project_name}, {@code application_credential_secret}, …),
 * with {@code auth_type}, {@code region_name} and {@code cacert} beside them. {@code origin} says where they came from
 * (for messages); {@code naming} names a key as the user would set it there ({@code OS_PASSWORD}, or
 * {@code auth.password of cloud 'x' in FILE}). Values, some of them secrets, are never in
 * {@link #toString()} nor in any message.
 */
public final class OpenStackAuth {

    private final String origin;
    private final Map<String, String> auth;
    private final Optional<String> authType;
    private final Optional<String> regionName;
    private final Optional<String> cacert;
    private final UnaryOperator<String> naming;

    public OpenStackAuth(String origin, Map<String, String> auth, Optional<String> authType,
            Optional<String> regionName, UnaryOperator<String> naming) {
        this(origin, auth, authType, regionName, Optional.empty(), naming);
    }

    /** With {@code cacert}: the CA bundle (PEM) Keystone's HTTPS certificate is checked against. */
    public OpenStackAuth(String origin, Map<String, String> auth, Optional<String> authType,
            Optional<String> regionName, Optional<String> cacert, UnaryOperator<String> naming) {
        this.origin = origin;
        this.cacert = cacert.map(String::strip).filter(c -> !c.isEmpty());
        Map<String, String> kept = new LinkedHashMap<>();
        auth.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                kept.put(key.toLowerCase(Locale.ROOT), value.strip());
            }
        });
        this.auth = Collections.unmodifiableMap(kept);
        this.authType = authType.map(String::strip).filter(t -> !t.isEmpty());
        this.regionName = regionName.map(String::strip).filter(r -> !r.isEmpty());
        this.naming = naming;
    }

    /** Where these credentials came from: {@code cloud 'x' in FILE} or {@code the OS_* environment}. */
    public String origin() {
        return origin;
    }

    /** An {@code auth:} value by its clouds.yaml name, if set and not blank. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(auth.get(key));
    }

    /** The auth keys that are set (names only). */
    public java.util.Set<String> keys() {
        return auth.keySet();
    }

    /** {@code auth_type} as given (password, v3password, v3applicationcredential, token, v3token), if given. */
    public Optional<String> authType() {
        return authType;
    }

    public Optional<String> regionName() {
        return regionName;
    }

    /** {@code cacert} ({@code OS_CACERT}): the CA bundle for an HTTPS Keystone, else the JDK's trusted CAs. */
    public Optional<String> cacert() {
        return cacert;
    }

    /** How the user sets {@code key} where these credentials came from, for messages. */
    public String name(String key) {
        return naming.apply(key);
    }

    @Override
    public String toString() {
        return "OpenStackAuth[" + origin + ", keys " + auth.keySet() + "]";
    }
}
