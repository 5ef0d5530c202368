package dev.glancemigrator.api;

import io.quarkus.arc.Unremovable;
import io.quarkus.credentials.CredentialsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Datasource passwords read from files by the service itself, so that no password passes through the
 * environment (which {@code /proc/<pid>/environ} shows) or the configuration. A datasource uses it with
 * <pre>
 * quarkus.datasource.credentials-provider=ledger
 * quarkus.datasource.credentials-provider-name=password-file
 * password-file.ledger=/path/to/the/password
 * </pre>
 * Agroal asks on every new connection, so a changed password is taken without a restart. Failures name
 * the setting and the file, never its content.
 */
@ApplicationScoped
@Unremovable
@Named(PasswordFileCredentials.NAME)
public class PasswordFileCredentials implements CredentialsProvider {

    public static final String NAME = "password-file";

    private final Function<String, Optional<Path>> files;

    @Inject
    PasswordFileCredentials(Config config) {
        this(property -> config.getOptionalValue(property, Path.class));
    }

    /** @param files the file a {@code password-file.<key>} property names, if set */
    PasswordFileCredentials(Function<String, Optional<Path>> files) {
        this.files = files;
    }

    /** @param key what the datasource's {@code credentials-provider} says: the {@code <key>} above */
    @Override
    public Map<String, String> getCredentials(String key) {
        String property = NAME + "." + key;
        Path file = files.apply(property).orElseThrow(() -> new IllegalStateException(
                property + " is not set: it names the file holding the password of the datasource whose"
                        + " credentials-provider is '" + key + "'"));
        try {
            return Map.of(PASSWORD_PROPERTY_NAME, SecretFile.read(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the password file " + file + " (" + property + "): " + e, e);
        }
    }
}
