package dev.glancemigrator.api;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Validation of the Keystone tokens callers present, with the service's own credentials. */
public interface KeystoneTokens {

    /**
     * Whom {@code subjectToken} stands for; empty when Keystone says it is no valid token (unknown, expired,
     * revoked).
     *
     * @throws IOException when Keystone does not answer (an outage: never a verdict on the token)
     */
    Optional<ValidToken> validate(String subjectToken) throws IOException;

    /** What Keystone said of a valid token. */
    record ValidToken(String userId, String userName, String projectId, String projectName, List<String> roles,
            Instant expiresAt) {

        public ValidToken {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }
}
