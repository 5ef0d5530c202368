package dev.glancemigrator.cutover.glance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and sets keys of one section of an oslo.config ini file, keeping every other line as it is. */
final class IniSection {

    private static final Pattern HEADER = Pattern.compile("^\\s*\\[([^]]+)]\\s*$");
    private static final Pattern ENTRY = Pattern.compile("^\\s*([A-Za-z0-9_.-]+)\\s*[=:]\\s?(.*)$");

    private IniSection() {
    }

    static Optional<String> get(String text, String section, String key) {
        String current = null;
        for (String line : text.split("\n", -1)) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                current = header.group(1).strip();
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (section.equals(current) && entry.matches() && entry.group(1).equals(key)) {
                return Optional.of(entry.group(2).strip());
            }
        }
        return Optional.empty();
    }

    /** The text with each key of {@code values} set in {@code section} (replaced in place, else appended to it). */
    static String set(String text, String section, Map<String, String> values) {
        Map<String, String> missing = new LinkedHashMap<>(values);
        List<String> out = new ArrayList<>();
        String current = null;
        boolean sectionSeen = false;
        int endOfSection = -1;
        for (String line : text.split("\n", -1)) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                current = header.group(1).strip();
                sectionSeen |= section.equals(current);
                out.add(line);
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (section.equals(current) && entry.matches() && values.containsKey(entry.group(1))) {
                out.add(entry.group(1) + " = " + values.get(entry.group(1)));
                missing.remove(entry.group(1));
            } else {
                out.add(line);
            }
            if (section.equals(current) && !line.isBlank()) {
                endOfSection = out.size();
            }
        }
        if (!sectionSeen) {
            throw new IllegalStateException("no section [" + section + "]");
        }
        if (endOfSection < 0) {
            endOfSection = indexOfHeader(out, section) + 1;
        }
        List<String> added = missing.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList();
        out.addAll(endOfSection, added);
        return String.join("\n", out);
    }

    private static int indexOfHeader(List<String> lines, String section) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher header = HEADER.matcher(lines.get(i));
            if (header.matches() && header.group(1).strip().equals(section)) {
                return i;
            }
        }
        return -1;
    }
}
