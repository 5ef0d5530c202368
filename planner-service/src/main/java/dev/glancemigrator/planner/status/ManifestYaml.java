package dev.glancemigrator.planner.status;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.Instant;
import java.util.List;

/**
 * The state file the team's first tool kept between runs, so operators can diff runs the way they
 * did: {@code update_date}, then {@code images:} with {@code id}, {@code name}, {@code size_bytes}
 * (a string), {@code migrated_at} and {@code original_deleted}. Strings are written double-quoted
 * with JSON escapes, which YAML reads the same, so any name (quotes, colons, non-ASCII) survives.
 */
public final class ManifestYaml {

    /** One migrated image: verified, with whether Glance has deleted the original since. */
    public record Entry(String id, String name, long sizeBytes, Instant migratedAt, boolean originalDeleted) {
    }

    private ManifestYaml() {
    }

    public static String render(Instant updateDate, List<Entry> images) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("update_date: ").append(quoted(updateDate.toString())).append('\n');
        if (images.isEmpty()) {
            return yaml.append("images: []\n").toString();
        }
        yaml.append("images:\n");
        for (Entry image : images) {
            yaml.append("  - id: ").append(quoted(image.id())).append('\n');
            yaml.append("    name: ").append(image.name() == null ? "null" : quoted(image.name())).append('\n');
            yaml.append("    size_bytes: ").append(quoted(Long.toString(image.sizeBytes()))).append('\n');
            yaml.append("    migrated_at: ").append(quoted(image.migratedAt().toString())).append('\n');
            yaml.append("    original_deleted: ").append(image.originalDeleted()).append('\n');
        }
        return yaml.toString();
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
