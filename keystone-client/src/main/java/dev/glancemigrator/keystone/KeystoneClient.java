package dev.glancemigrator.keystone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keystone's token API (Identity v3), the two calls the migrator needs: issue a token for credentials, and
 * validate a token someone presents. Keystone that does not answer, or answers 5xx, raises
 * {@link KeystoneUnavailableException}; a refusal is a {@link KeystoneRefusedException} or, for a presented
 * token, an empty answer.
 */
public final class KeystoneClient {

    /** Where Keystone puts a token: in the answer to its issue, and in the question of its validation. */
    public static final String SUBJECT_TOKEN = "X-Subject-Token";
    public static final String AUTH_TOKEN = "X-Auth-Token";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CREATED = 201;
    private static final int OK = 200;
    private static final int UNAUTHORIZED = 401;
    private static final int NOT_FOUND = 404;
    private static final int SERVER_ERROR = 500;

    private final HttpClient http;
    private final Duration timeout;

    public KeystoneClient(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** A new token for {@code credentials}. */
    public IssuedToken issue(KeystoneCredentials credentials) throws IOException, KeystoneRefusedException, InterruptedException {
        URI uri = URI.create(credentials.identityEndpoint() + "/auth/tokens");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(authBody(credentials))))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != CREATED) {
            throw new KeystoneRefusedException(response.statusCode(), "Keystone at " + uri + " refused " + credentials
                    + " (" + response.statusCode() + ")");
        }
        String token = response.headers().firstValue(SUBJECT_TOKEN)
                .orElseThrow(() -> new IOException("Keystone at " + uri + " issued no " + SUBJECT_TOKEN + " header"));
        return new IssuedToken(token, identity(response.body(), uri));
    }

    /**
     * The identity of {@code subjectToken}, asked with the caller's own {@code serviceToken}; empty when
     * Keystone says the subject is not a valid token (unknown, expired, revoked).
     *
     * @throws KeystoneRefusedException when Keystone refuses the service token itself (renew it and ask again)
     */
    public Optional<Identity> validate(URI identityEndpoint, String serviceToken, String subjectToken)
            throws IOException, KeystoneRefusedException, InterruptedException {
        URI uri = URI.create(identityEndpoint + "/auth/tokens");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                .header(AUTH_TOKEN, serviceToken).header(SUBJECT_TOKEN, subjectToken).GET().build();
        HttpResponse<String> response = send(request);
        return switch (response.statusCode()) {
            case OK -> Optional.of(identity(response.body(), uri));
            case NOT_FOUND -> Optional.empty();
            case UNAUTHORIZED -> throw new KeystoneRefusedException(UNAUTHORIZED,
                    "Keystone at " + uri + " refused the service's own token");
            default -> throw new KeystoneRefusedException(response.statusCode(),
                    "Keystone at " + uri + " answered " + response.statusCode() + " to a token validation");
        };
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new KeystoneUnavailableException("Keystone at " + request.uri() + " does not answer: " + e, e);
        }
        if (response.statusCode() >= SERVER_ERROR) {
            throw new KeystoneUnavailableException("Keystone at " + request.uri() + " answered " + response.statusCode());
        }
        return response;
    }

    static ObjectNode authBody(KeystoneCredentials credentials) {
        ObjectNode auth = JSON.createObjectNode();
        ObjectNode identity = auth.putObject("auth").putObject("identity");
        if (credentials instanceof KeystoneCredentials.Password password) {
            identity.putArray("methods").add("password");
            ObjectNode user = identity.putObject("password").putObject("user");
            user.put("name", password.user()).put("password", password.password());
            user.putObject("domain").put("name", password.userDomain());
            ObjectNode project = ((ObjectNode) auth.get("auth")).putObject("scope").putObject("project");
            project.put("name", password.project());
            project.putObject("domain").put("name", password.projectDomain());
        } else if (credentials instanceof KeystoneCredentials.ApplicationCredential credential) {
            identity.putArray("methods").add("application_credential");
            ObjectNode body = identity.putObject("application_credential");
            if (credential.id() != null && !credential.id().isBlank()) {
                body.put("id", credential.id());
            } else {
                body.put("name", credential.name());
                ObjectNode user = body.putObject("user").put("name", credential.user());
                user.putObject("domain").put("name", credential.userDomain());
            }
            body.put("secret", credential.secret());
        }
        return auth;
    }

    static Identity identity(String body, URI from) throws IOException {
        JsonNode token = JSON.readTree(body).path("token");
        if (token.isMissingNode()) {
            throw new IOException("Keystone at " + from + " answered no token description");
        }
        List<String> roles = new ArrayList<>();
        token.path("roles").forEach(role -> roles.add(role.path("name").asText()));
        JsonNode expires = token.path("expires_at");
        return new Identity(text(token.path("user"), "id"), text(token.path("user"), "name"),
                text(token.path("project"), "id"), text(token.path("project"), "name"), roles,
                expires.isTextual() ? Instant.parse(expires.asText()) : Instant.MAX);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
