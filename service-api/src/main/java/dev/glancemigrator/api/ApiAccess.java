package dev.glancemigrator.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a service's {@code /migrations} API is guarded, as the service produces it from its own
 * configuration; Keystone, shared by the services, is configured apart ({@link KeystoneConfig}).
 *
 * @param tokenFileProperty the property naming the token file, for messages ({@code planner.api.token-file})
 * @param tokenFile the file holding the static bearer token (its content, stripped); unset or unreadable:
 *     no static token is accepted, so a forgotten token never leaves the API open
 * @param readsNeedToken whether reads need credentials when Keystone is not configured (with Keystone,
 *     every guarded request needs them: reads one of the reader roles)
 * @param tokenOperator the operator the static token stands for: the user name of its {@code Actor}
 */
public record ApiAccess(String tokenFileProperty, Optional<Path> tokenFile, boolean readsNeedToken,
        String tokenOperator) {

    public static final String DEFAULT_OPERATOR = "operator";

    public ApiAccess {
        tokenOperator = tokenOperator == null || tokenOperator.isBlank() ? DEFAULT_OPERATOR : tokenOperator.strip();
    }

    /** With the default operator name. */
    public ApiAccess(String tokenFileProperty, Optional<Path> tokenFile, boolean readsNeedToken) {
        this(tokenFileProperty, tokenFile, readsNeedToken, DEFAULT_OPERATOR);
    }
}
