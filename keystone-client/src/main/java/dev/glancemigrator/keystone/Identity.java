package dev.glancemigrator.keystone;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Whom a token stands for, as Keystone describes it: the user, the project it is scoped to, its roles there. */
public record Identity(String userId, String userName, String projectId, String projectName, List<String> roles,
        Instant expiresAt) {

    public Identity {
        roles = List.copyOf(roles);
    }

    /** Whether the token carries at least one of {@code wanted}. */
    public boolean hasAnyRole(Collection<String> wanted) {
        return roles.stream().anyMatch(wanted::contains);
    }
}
