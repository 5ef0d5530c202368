package dev.glancemigrator.keystone;

import java.time.Instant;
import java.util.List;

/** Whom a token stands for, as Keystone describes it: the user, the project it is scoped to, its roles there. */
public record Identity(String userId, String userName, String projectId, String projectName, List<String> roles,
        Instant expiresAt) {

    public Identity {
        roles = List.copyOf(roles);
    }
}
