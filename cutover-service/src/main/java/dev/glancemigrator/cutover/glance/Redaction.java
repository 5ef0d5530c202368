package dev.glancemigrator.cutover.glance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes key material out of an operator command's output before it is logged or kept: a script that
 * echoes the keyring, or runs {@code set -x} over a {@code kubectl create secret}, must not put the
 * key in the journal. Removes each key of the target's keyring wherever it appears, the value of any
 * {@code key = …} line, and anything shaped like a cephx key.
 */
final class Redaction {

    static final String REDACTED = "<redacted>";
    private static final Pattern KEY_LINE = Pattern.compile("(?im)^(\\s*key\\s*=\\s*)(\\S.*)$");
    /** A cephx secret: base64 of a 28-byte blob (type, created, length, 16-byte key), which starts with "AQ". */
    private static final Pattern CEPHX_KEY = Pattern.compile("AQ[A-Za-z0-9+/]{36}==");

    private final List<String> keys;

    private Redaction(List<String> keys) {
        this.keys = keys;
    }

    /** Redacts the keys of {@code keyring} (when it can be read: the shapes are redacted either way). */
    static Redaction of(Path keyring) {
        List<String> keys = new ArrayList<>();
        try {
            Matcher line = KEY_LINE.matcher(Files.readString(keyring));
            while (line.find()) {
                keys.add(line.group(2).strip());
            }
        } catch (IOException e) {
            // Unreadable here: the command will fail on it too; the patterns below still apply.
        }
        return new Redaction(List.copyOf(keys));
    }

    /** Redacts {@code key = …} lines and cephx-shaped keys only. */
    static Redaction shapesOnly() {
        return new Redaction(List.of());
    }

    String apply(String text) {
        String redacted = text;
        for (String key : keys) {
            redacted = redacted.replace(key, REDACTED);
        }
        redacted = KEY_LINE.matcher(redacted).replaceAll("$1" + Matcher.quoteReplacement(REDACTED));
        return CEPHX_KEY.matcher(redacted).replaceAll(REDACTED);
    }
}
