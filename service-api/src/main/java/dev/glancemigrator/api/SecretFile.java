package dev.glancemigrator.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A secret kept in a file of its own (mounted, or mode 600): its content, stripped of surrounding blanks. */
final class SecretFile {

    private SecretFile() {
    }

    /** The secret; an {@link IOException} when the file cannot be read or holds nothing but blanks. */
    static String read(Path file) throws IOException {
        String secret = Files.readString(file).strip();
        if (secret.isEmpty()) {
            throw new IOException("the file is empty");
        }
        return secret;
    }
}
