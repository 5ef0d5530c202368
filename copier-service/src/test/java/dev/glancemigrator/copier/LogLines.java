package dev.glancemigrator.copier;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/** Waiting for what a copier writes to its log. */
public final class LogLines {

    private LogLines() {
    }

    /** The first line of the log, from byte {@code offset} on, that matches; waits up to {@code timeout}. */
    public static String awaitLine(Path log, long offset, Predicate<String> wanted, Duration timeout) {
        return await("a matching line in " + log).atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    byte[] all = Files.readAllBytes(log);
                    String tail = new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
                    return tail.lines().filter(wanted).findFirst();
                }, Optional::isPresent).orElseThrow();
    }
}
