package dev.glancemigrator.cutover.glance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No key leaves through a command's output: the keyring's own key anywhere, key lines, cephx-shaped strings. */
class RedactionTest {

    @TempDir
    Path dir;

    @Test
    void takesTheKeyringsKeyKeyLinesAndCephxShapedStringsOut() throws Exception {
        Path keyring = Files.writeString(dir.resolve("k"), "[client.glance]\n\tkey = not-shaped-like-cephx\n");
        Redaction redaction = Redaction.of(keyring);
        assertEquals("secret=<redacted>;\n  key = <redacted>\nother <redacted> kept: mon_host = 10.0.0.1",
                redaction.apply("secret=not-shaped-like-cephx;\n  key = anything at all\n"
                        + "other AQBvXqZmAAAAABAAk8Cz9TQ3Ls2TFoUR8wL7nA== kept: mon_host = 10.0.0.1"));
        assertEquals("x <redacted>", Redaction.of(dir.resolve("missing")).apply("x AQBvXqZmAAAAABAAk8Cz9TQ3Ls2TFoUR8wL7nA=="));
    }
}
