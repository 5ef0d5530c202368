package dev.glancemigrator.stack;

import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Offers the endpoints file's entries as configuration, so a service under test resolves
 * {@code ${GM_KAFKA_BOOTSTRAP}} and the like as it does from the environment in production. Only on
 * a test classpath; absent when the stack is not up (the service then fails with its own message).
 */
public class LocalStackConfigSource implements ConfigSource {

    /** Just below environment variables (300), which an operator may use to override an entry. */
    private static final int ORDINAL = 295;

    private final Map<String, String> values =
            Files.isRegularFile(LocalStack.location()) ? LocalStack.current().asConfig() : Map.of();

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "local-stack endpoints file";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
