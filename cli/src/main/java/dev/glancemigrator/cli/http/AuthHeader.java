package dev.glancemigrator.cli.http;

/**
 * The header that authenticates the CLI to a service: a Keystone token as {@code X-Auth-Token}, or a static
 * token as {@code Authorization: Bearer}. Its value is a secret: never in {@link #toString()}.
 */
public record AuthHeader(String name, String value) {

    public static final String KEYSTONE = "X-Auth-Token";

    public static AuthHeader keystone(String token) {
        return new AuthHeader(KEYSTONE, token);
    }

    public static AuthHeader bearer(String token) {
        return new AuthHeader("Authorization", "Bearer " + token);
    }

    @Override
    public String toString() {
        return "AuthHeader[" + name + "]";
    }
}
