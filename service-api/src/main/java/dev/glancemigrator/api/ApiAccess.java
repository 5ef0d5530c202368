package dev.glancemigrator.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a service's {@code /migrations} API is guarded, as the service produces it from its own
 * configuration: changes always need the bearer token, reads when {@code readsNeedToken}.
 *
 * @param tokenFileProperty the property naming the token file, for messages ({@code planner.api.token-file})
 * @param tokenFile the file holding the token (its content, stripped); unset or unreadable: every guarded
 *     request is refused, so a forgotten token never leaves the API open
 */
public record ApiAccess(String tokenFileProperty, Optional<Path> tokenFile, boolean readsNeedToken) {
}
