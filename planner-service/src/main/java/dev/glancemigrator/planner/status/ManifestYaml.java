package dev.glancemigrator.planner.status;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * The state file the team's first tool kept between runs, so operators can diff runs the way they
 * did: {@code update_date}, then {@code images:} with {@code id}, {@code name}, {@code size_bytes}
 * (a string), {@code migrated_at} and {@code original_deleted}. Strings are written double-quoted
 * with JSON escapes, which YAML reads the same, so any name (quotes, colons, non-ASCII) survives.
 * Written entry by entry: a migration of 100,000 images is never held in memory as a whole.
 */
public final class ManifestYaml {

    /** One migrated image: verified, with whether Glance has deleted the original since. */
    public record Entry(String id, String name, long sizeBytes, Instant migratedAt, boolean originalDeleted) {
    }

    private final Writer out;
    private boolean anyImage;

    /** Starts the file: its {@code update_date}. */
    public ManifestYaml(Writer out, Instant updateDate) {
        this.out = out;
        write("update_date: " + quoted(updateDate.toString()) + "\n");
    }

    public void add(Entry image) {
        if (!anyImage) {
            write("images:\n");
            anyImage = true;
        }
        write("  - id: " + quoted(image.id()) + "\n"
                + "    name: " + (image.name() == null ? "null" : quoted(image.name())) + "\n"
                + "    size_bytes: " + quoted(Long.toString(image.sizeBytes())) + "\n"
                + "    migrated_at: " + quoted(image.migratedAt().toString()) + "\n"
                + "    original_deleted: " + image.originalDeleted() + "\n");
    }

    /** Ends the file (an empty list when no image was added). */
    public void finish() {
        if (!anyImage) {
            write("images: []\n");
        }
    }

    /** The whole file at once, for a list already at hand. */
    public static String render(Instant updateDate, List<Entry> images) {
        StringWriter text = new StringWriter();
        ManifestYaml yaml = new ManifestYaml(text, updateDate);
        images.forEach(yaml::add);
        yaml.finish();
        return text.toString();
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
