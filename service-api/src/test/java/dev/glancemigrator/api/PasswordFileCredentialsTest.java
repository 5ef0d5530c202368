package dev.glancemigrator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.credentials.CredentialsProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileCredentialsTest {

    @TempDir
    Path dir;

    private PasswordFileCredentials provider(Map<String, Path> files) {
        return new PasswordFileCredentials(property -> Optional.ofNullable(files.get(property)));
    }

    @Test
    void thePasswordIsTheNamedFilesContentStripped() throws IOException {
        Path file = Files.writeString(dir.resolve("db-migrator"), "p4ss word\n");

        Map<String, String> credentials = provider(Map.of("password-file.ledger", file)).getCredentials("ledger");

        assertEquals(Map.of(CredentialsProvider.PASSWORD_PROPERTY_NAME, "p4ss word"), credentials);
    }

    @Test
    void anUnsetSettingIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> provider(Map.of()).getCredentials("glance"));
        assertTrue(e.getMessage().contains("password-file.glance is not set"), e.getMessage());
    }

    @Test
    void aMissingOrEmptyFileIsNamedButNoContentIsShown() throws IOException {
        Path missing = dir.resolve("missing");
        IllegalStateException gone = assertThrows(IllegalStateException.class,
                () -> provider(Map.of("password-file.ledger", missing)).getCredentials("ledger"));
        assertTrue(gone.getMessage().contains(missing.toString()), gone.getMessage());

        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        IllegalStateException blank = assertThrows(IllegalStateException.class,
                () -> provider(Map.of("password-file.ledger", empty)).getCredentials("ledger"));
        assertTrue(blank.getMessage().contains("empty"), blank.getMessage());
    }

    @Test
    void aPathThatCannotBeReadFailsWithoutWhatItHolds() throws IOException {
        // A directory where the file should be: unreadable as a file even for root, which CI runs as
        // (a mode-000 file is readable by root). What it holds must not reach the message.
        Path notAFile = Files.createDirectory(dir.resolve("db-migrator"));
        Files.writeString(notAFile.resolve("hidden-password"), "hidden-password");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> provider(Map.of("password-file.ledger", notAFile)).getCredentials("ledger"));
        assertFalse(e.getMessage().contains("hidden-password"), e.getMessage());
        assertTrue(e.getMessage().contains("password-file.ledger"), e.getMessage());
    }
}
