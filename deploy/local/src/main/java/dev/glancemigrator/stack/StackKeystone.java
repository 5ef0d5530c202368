package dev.glancemigrator.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tokens of the local stack's Keystone users ({@code operator}, {@code auditor}, {@code migrator},
 * {@code admin}) for test support that calls OpenStack APIs as a user does (Glance: {@link GlanceApi}).
 * Keystone's URL and each user's name, password file and project come from stack.env
 * ({@code GM_KEYSTONE_URL}, {@code GM_KEYSTONE_<USER>_USER}, {@code _PASSWORD_FILE}, {@code _PROJECT}).
 * A token is issued with the user's password (project-scoped, domain Default) and reused until ten
 * minutes before it expires. Tokens and passwords are never logged nor put in exception messages.
 */
public final class StackKeystone {

    /** The header OpenStack APIs read the token from. */
    public static final String TOKEN_HEADER = "X-Auth-Token";

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(10);
    private static final Pattern EXPIRES_AT = Pattern.compile("\"expires_at\"\\s*:\\s*\"([^\"]+)\"");
    private static final Map<String, StackKeystone> BY_URL = new ConcurrentHashMap<>();

    private record Token(String value, Instant expiresAt) {

        /** The value is a secret. */
        @Override
        public String toString() {
            return "Token[expires " + expiresAt + "]";
        }
    }

    private final LocalStack stack;
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private StackKeystone(LocalStack stack) {
        this.stack = stack;
        this.url = stack.get("GM_KEYSTONE_URL");
    }

    /** The stack's Keystone (one per Keystone URL, so tokens are shared by every caller in a JVM). */
    public static StackKeystone of(LocalStack stack) {
        return BY_URL.computeIfAbsent(stack.get("GM_KEYSTONE_URL"), url -> new StackKeystone(stack));
    }

    /** Keystone's v3 URL ({@code GM_KEYSTONE_URL}). */
    public String url() {
        return url;
    }

    /** A valid token of the stack's user {@code who} ({@code operator}, {@code auditor}, {@code migrator}, {@code admin}). */
    public String token(String who) {
        Token token = tokens.get(who);
        if (token == null || Instant.now().plus(RENEW_BEFORE_EXPIRY).isAfter(token.expiresAt())) {
            token = issue(who);
            tokens.put(who, token);
        }
        return token.value();
    }

    /** Forgets {@code who}'s token: the next {@link #token} issues a new one (after a 401, say). */
    public void forget(String who) {
        tokens.remove(who);
    }

    /** The user name, project and password of {@code who} as stack.env names them. */
    private Token issue(String who) {
        String prefix = "GM_KEYSTONE_" + who.toUpperCase(Locale.ROOT) + "_";
        String user = stack.get(prefix + "USER");
        String project = stack.get(prefix + "PROJECT");
        String password;
        try {
            password = Files.readString(Path.of(stack.get(prefix + "PASSWORD_FILE"))).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password file of Keystone user " + user, e);
        }
        String body = "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": "
                + json(user) + ", \"domain\": {\"id\": \"default\"}, \"password\": " + json(password) + "}}}, "
                + "\"scope\": {\"project\": {\"name\": " + json(project) + ", \"domain\": {\"id\": \"default\"}}}}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/auth/tokens")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keystone did not answer at " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Keystone answered " + response.statusCode() + " to a token request of user "
                    + user + " (project " + project + ")");
        }
        String value = response.headers().firstValue("X-Subject-Token")
                .orElseThrow(() -> new IllegalStateException("Keystone issued no token to " + user));
        return new Token(value, expiresAt(response.body()));
    }

    private static Instant expiresAt(String body) {
        Matcher expires = EXPIRES_AT.matcher(body);
        if (expires.find()) {
            try {
                return Instant.parse(expires.group(1));
            } catch (DateTimeParseException e) {
                // below: a token of unknown lifetime is reused for a short while only
            }
        }
        return Instant.now().plus(RENEW_BEFORE_EXPIRY).plusSeconds(60);
    }

    private static String json(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
