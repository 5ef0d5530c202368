package dev.glancemigrator.keystone;

import java.net.URI;
import java.util.Objects;

/**
 * Who asks Keystone for a token, and where: Identity API v3 password or application-credential
 * authentication. The {@code authUrl} may be given with or without its {@code /v3}, as OpenStack clients
 * accept it. Secrets never appear in {@link #toString()}.
 */
public sealed interface KeystoneCredentials {

    String DEFAULT_DOMAIN = "Default";

    URI authUrl();

    /** The Identity v3 endpoint: {@code authUrl} with {@code /v3} appended when it does not end in it. */
    default URI identityEndpoint() {
        String url = authUrl().toString().replaceFirst("/+$", "");
        return URI.create(url.endsWith("/v3") ? url : url + "/v3");
    }

    /** Password authentication, scoped to a project (names, in their domains). */
    record Password(URI authUrl, String user, String userDomain, String password, String project, String projectDomain)
            implements KeystoneCredentials {

        public Password {
            Objects.requireNonNull(authUrl, "authUrl");
            required(user, "user");
            required(password, "password");
            required(project, "project");
            userDomain = userDomain == null || userDomain.isBlank() ? DEFAULT_DOMAIN : userDomain;
            projectDomain = projectDomain == null || projectDomain.isBlank() ? DEFAULT_DOMAIN : projectDomain;
        }

        @Override
        public String toString() {
            return "Password[" + user + "@" + userDomain + ", project " + project + "@" + projectDomain + ", " + authUrl + "]";
        }
    }

    /**
     * An application credential, by id, or by name with the user who owns it; its scope is the one it was
     * created with.
     */
    record ApplicationCredential(URI authUrl, String id, String name, String user, String userDomain, String secret)
            implements KeystoneCredentials {

        public ApplicationCredential {
            Objects.requireNonNull(authUrl, "authUrl");
            required(secret, "secret");
            if (blank(id)) {
                required(name, "id or name");
                required(user, "user (an application credential named, not given by id, needs its user)");
            }
            userDomain = userDomain == null || userDomain.isBlank() ? DEFAULT_DOMAIN : userDomain;
        }

        @Override
        public String toString() {
            return "ApplicationCredential[" + (blank(id) ? name + " of " + user + "@" + userDomain : id) + ", " + authUrl + "]";
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void required(String value, String what) {
        if (blank(value)) {
            throw new IllegalArgumentException(what + " is required");
        }
    }
}
