package dev.glancemigrator.cli.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The properties file of the lowest precedence: {@code --config FILE}, else {@code $GM_CLI_CONFIG}, else
 * {@code ~/.config/glance-migrator/cli.properties}. A file named explicitly must exist; the default may not.
 */
public record ConfigFile(Path path, Properties values) {

    public static final String ENV = "GM_CLI_CONFIG";
    static final Path DEFAULT = Path.of(".config", "glance-migrator", "cli.properties");

    public static ConfigFile locate(Path option, Map<String, String> env, Path home) {
        if (option != null) {
            return read(option, true);
        }
        String named = env.get(ENV);
        if (named != null && !named.isBlank()) {
            return read(Path.of(named), true);
        }
        return read(home.resolve(DEFAULT), false);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static ConfigFile read(Path path, boolean required) {
        Properties values = new Properties();
        if (!Files.exists(path)) {
            if (required) {
                throw new ConfigException("config file " + path + " does not exist");
            }
            return new ConfigFile(path, values);
        }
        try (Reader reader = Files.newBufferedReader(path)) {
            values.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read config file " + path + ": " + e.getMessage());
        }
        return new ConfigFile(path, values);
    }
}
