package dev.glancemigrator.keystone;

/** A token Keystone issued, with the identity it carries; the token itself is a secret and never printed. */
public record IssuedToken(String token, Identity identity) {

    @Override
    public String toString() {
        return "IssuedToken[" + identity + "]";
    }
}
