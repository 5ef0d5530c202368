package dev.glancemigrator.kubernetes;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository the manifests live in, found from wherever the test runs, and what the manifests must
 * agree with: the topics migration-events declares, each service's application.properties, the
 * worker's defaults.
 */
final class Repository {

    /** A file only this repository's root has. */
    private static final Path MARKER = Path.of("deploy", "kubernetes", "overlays", "example", "kustomization.yaml");
    private static final Path TOPICS = Path.of("migration-events", "src", "main", "resources", "dev", "glancemigrator",
            "events", "topics.tsv");
    private static final Path WORKER_CONFIG = Path.of("worker", "src", "main", "java", "dev", "glancemigrator", "worker",
            "WorkerConfig.java");
    private static final Pattern DRAIN_GRACE_DEFAULT = Pattern.compile(
            "@WithDefault\\(\"([^\"]+)\"\\)\\s*Duration\\s+drainGrace\\(\\)");
    /** SmallRye's short duration form: a number and a unit, or a number of seconds. */
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private final Path root;

    private Repository(Path root) {
        this.root = root;
    }

    /** Walks up from the module's directory (Surefire's basedir) or the working directory. */
    static Repository locate() {
        Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MARKER)) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return new Repository(dir);
            }
        }
        throw new IllegalStateException("no glance-migrator repository (with " + MARKER + ") at or above " + start);
    }

    Path resolve(String relative) {
        return root.resolve(relative);
    }

    /** topics.tsv without its comments: name, partitions, cleanup.policy, retention.ms. */
    List<String[]> topics() {
        return read(TOPICS).lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t")).toList();
    }

    /** A service's application.properties, profile-specific keys (%test. …) included as written. */
    Properties applicationProperties(String service) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(read(Path.of(service, "src", "main", "resources", "application.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** WorkerConfig's default drain grace, as its {@code @WithDefault} says. */
    Duration workerDrainGraceDefault() {
        Matcher match = DRAIN_GRACE_DEFAULT.matcher(read(WORKER_CONFIG));
        if (!match.find()) {
            throw new IllegalStateException("no @WithDefault on drainGrace() in " + WORKER_CONFIG);
        }
        return duration(match.group(1));
    }

    /** A duration as SmallRye reads one: ISO-8601 ({@code PT30S}) or short ({@code 30s}, {@code 500ms}, {@code 30}). */
    static Duration duration(String text) {
        String value = text.strip();
        if (value.startsWith("P") || value.startsWith("p")) {
            return Duration.parse(value);
        }
        Matcher match = SHORT_DURATION.matcher(value);
        if (!match.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long amount = Long.parseLong(match.group(1));
        String unit = match.group(2) == null ? "s" : match.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private String read(Path relative) {
        try {
            return Files.readString(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
