package dev.glancemigrator.cli.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One service as the CLI reaches it: its base URL and the file holding its bearer token (none: requests go
 * without one, and a service that wants one answers 401). The token is read from the file for each client,
 * never taken from argv or the environment, and never printed.
 */
public record Endpoint(String service, URI url, Optional<Path> tokenFile) {

    public Optional<String> token() {
        if (tokenFile.isEmpty()) {
            return Optional.empty();
        }
        Path file = tokenFile.get();
        String token;
        try {
            token = Files.readString(file).strip();
        } catch (IOException e) {
            throw new ConfigException("cannot read the " + service + " token file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (token.isEmpty()) {
            throw new ConfigException("the " + service + " token file " + file + " is empty");
        }
        return Optional.of(token);
    }
}
