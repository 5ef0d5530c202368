package dev.glancemigrator.cli.config;

/** The CLI cannot run as configured (a missing URL, an unreadable token or config file): exit code 2. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
