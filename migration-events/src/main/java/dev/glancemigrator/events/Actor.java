package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Who made the request an event reports: the user and project a Keystone token names with its roles, or
 * the operator a static bearer token was configured for. Never a token or a password: only names, ids
 * and roles.
 *
 * @param userName the user's name (a static token's configured operator name)
 * @param userId Keystone's user id; null for a static token
 * @param projectName the token's project; null for a static token or an unscoped token
 * @param projectId the project's id; null likewise
 * @param roles the roles the token carried (a static token: {@code admin}); never null
 * @param authMethod how the caller was authenticated
 */
public record Actor(String userName, String userId, String projectName, String projectId, List<String> roles,
        AuthMethod authMethod) {

    /** How the caller proved who they are; in JSON as {@code keystone} or {@code static-token}. */
    public enum AuthMethod {
        /** An {@code X-Auth-Token} Keystone validated. */
        @JsonProperty("keystone")
        KEYSTONE,
        /** A static bearer token from the service's token file, naming its configured operator. */
        @JsonProperty("static-token")
        STATIC_TOKEN,
        /** A method a newer producer names. */
        @JsonEnumDefaultValue
        @JsonProperty("unknown")
        UNKNOWN
    }

    public Actor {
        present(userName, "actor.userName");
        present(authMethod, "actor.authMethod");
        roles = roles == null ? List.of() : List.copyOf(roles);
        if (roles.stream().anyMatch(role -> role == null || role.isBlank())) {
            throw new IllegalArgumentException("field 'actor.roles' holds a blank role");
        }
    }

    /** The operator a static bearer token names, with the role the token grants. */
    public static Actor staticToken(String operator) {
        return new Actor(operator, null, null, null, List.of("admin"), AuthMethod.STATIC_TOKEN);
    }

    /** A cutover event's {@code operator} is its actor's user name, when it has an actor. */
    static void checkNamed(Actor actor, String operator) {
        if (actor != null && !actor.userName().equals(operator)) {
            throw new IllegalArgumentException("field 'operator' (" + operator + ") is not the actor's user name ("
                    + actor.userName() + ")");
        }
    }

    /** user@project (or the user alone), for logs and messages. */
    public String describe() {
        return projectName == null ? userName : userName + "@" + projectName;
    }
}
