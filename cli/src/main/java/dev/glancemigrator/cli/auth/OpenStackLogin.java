package dev.glancemigrator.cli.auth;

import dev.glancemigrator.cli.config.ConfigException;
import dev.glancemigrator.keystone.KeystoneCredentials;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How the CLI logs in with the OpenStack credentials found ({@link OpenStackAuth}), by their
 * {@code auth_type} as python-openstackclient names them: {@code password} / {@code v3password} (a token
 * scoped to the project) and {@code v3applicationcredential} are exchanged with Keystone for a token;
 * {@code token} / {@code v3token} is a Keystone token given ({@code OS_TOKEN}), sent as it is. Without an
 * {@code auth_type}: {@code token} when only a token is given, {@code v3applicationcredential} when an
 * application credential secret is, else {@code password}. What is missing is a configuration error naming
 * where to set it, never a value.
 */
public sealed interface OpenStackLogin {

    /** Where the credentials came from, for messages. */
    String origin();

    /**
     * Credentials Keystone exchanges for a token; {@code cacert}, the CA bundle its HTTPS certificate is
     * checked against (else the JDK's trusted CAs), named for messages as {@code cacertName}.
     */
    record Issue(String origin, KeystoneCredentials credentials, Optional<Path> cacert, String cacertName)
            implements OpenStackLogin {

        public Issue(String origin, KeystoneCredentials credentials) {
            this(origin, credentials, Optional.empty(), "cacert");
        }
    }

    /** A token given as it is. */
    record GivenToken(String origin, String token) implements OpenStackLogin {

        @Override
        public String toString() {
            return "GivenToken[" + origin + "]";
        }
    }

    static OpenStackLogin of(OpenStackAuth auth) {
        String type = auth.authType().map(t -> t.toLowerCase(Locale.ROOT)).orElseGet(() -> inferred(auth));
        return switch (type) {
            case "password", "v3password" -> issue(auth, password(auth));
            case "v3applicationcredential", "applicationcredential" -> issue(auth, applicationCredential(auth));
            case "token", "v3token" -> new GivenToken(auth.origin(), required(auth, "token", type));
            default -> throw new ConfigException("auth_type '" + type + "' of " + auth.origin()
                    + " is not one the CLI knows (password, v3password, v3applicationcredential, token, v3token)");
        };
    }

    private static Issue issue(OpenStackAuth auth, KeystoneCredentials credentials) {
        return new Issue(auth.origin(), credentials, auth.cacert().map(Path::of), auth.name("cacert"));
    }

    private static String inferred(OpenStackAuth auth) {
        if (auth.get("application_credential_secret").isPresent()) {
            return "v3applicationcredential";
        }
        if (auth.get("token").isPresent() && auth.get("password").isEmpty()) {
            return "token";
        }
        return "password";
    }

    private static KeystoneCredentials.Password password(OpenStackAuth auth) {
        URI authUrl = authUrl(auth);
        String user = byName(auth, "username", "user_id", "password");
        String password = required(auth, "password", "password");
        String project = byName(auth, "project_name", "project_id", "password");
        return new KeystoneCredentials.Password(authUrl, user, domain(auth, "user"), password, project,
                domain(auth, "project"));
    }

    private static KeystoneCredentials.ApplicationCredential applicationCredential(OpenStackAuth auth) {
        String type = "v3applicationcredential";
        URI authUrl = authUrl(auth);
        String secret = required(auth, "application_credential_secret", type);
        Optional<String> id = auth.get("application_credential_id");
        if (id.isPresent()) {
            return new KeystoneCredentials.ApplicationCredential(authUrl, id.get(), null, null, null, secret);
        }
        if (auth.get("application_credential_name").isEmpty()) {
            throw new ConfigException(type + " authentication with " + auth.origin() + ": neither "
                    + auth.name("application_credential_id") + " nor " + auth.name("application_credential_name")
                    + " is set");
        }
        if (auth.get("username").isEmpty()) {
            throw new ConfigException(type + " authentication with " + auth.origin() + ": an application credential "
                    + "given by name (" + auth.name("application_credential_name") + ") needs its user's name ("
                    + auth.name("username") + "), or give " + auth.name("application_credential_id") + " instead");
        }
        return new KeystoneCredentials.ApplicationCredential(authUrl, null, auth.get("application_credential_name").get(),
                auth.get("username").get(), domain(auth, "user"), secret);
    }

    private static URI authUrl(OpenStackAuth auth) {
        String text = auth.get("auth_url").orElseThrow(() -> new ConfigException(
                "no Keystone URL in " + auth.origin() + ": " + auth.name("auth_url") + " is not set"));
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(text, "expected http(s)://host[:port][/v3]");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(auth.name("auth_url") + " ('" + text + "') is not an http(s) URL");
        }
    }

    /** A user or project, by name: the Keystone client scopes and authenticates by names. */
    private static String byName(OpenStackAuth auth, String nameKey, String idKey, String type) {
        Optional<String> name = auth.get(nameKey);
        if (name.isPresent()) {
            return name.get();
        }
        if (auth.get(idKey).isPresent()) {
            throw new ConfigException(type + " authentication with " + auth.origin() + ": the CLI takes the "
                    + nameKey.replace('_', ' ') + " (" + auth.name(nameKey) + "), not its id (" + auth.name(idKey) + ")");
        }
        throw new ConfigException(type + " authentication with " + auth.origin() + ": " + auth.name(nameKey)
                + " is not set");
    }

    /** The user's or the project's domain by name; the id {@code default} is the domain named Default. */
    private static String domain(OpenStackAuth auth, String of) {
        Optional<String> name = auth.get(of + "_domain_name");
        if (name.isPresent()) {
            return name.get();
        }
        Optional<String> id = auth.get(of + "_domain_id");
        if (id.isEmpty() || id.get().equals("default")) {
            return KeystoneCredentials.DEFAULT_DOMAIN;
        }
        throw new ConfigException("authentication with " + auth.origin() + ": the CLI takes the " + of
                + " domain by name (" + auth.name(of + "_domain_name") + "), not by id (" + auth.name(of + "_domain_id")
                + "), except the id 'default'");
    }

    private static String required(OpenStackAuth auth, String key, String type) {
        return auth.get(key).orElseThrow(() -> new ConfigException(type + " authentication with " + auth.origin()
                + ": " + auth.name(key) + " is not set"));
    }
}
