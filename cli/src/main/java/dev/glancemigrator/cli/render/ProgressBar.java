package dev.glancemigrator.cli.render;

import java.util.Locale;

/** {@code [##########----------]  50.0%}: a part of a whole, in plain ASCII so any terminal and log shows it. */
public final class ProgressBar {

    private ProgressBar() {
    }

    public static String of(long part, long whole, int width) {
        double fraction = whole <= 0 ? 1.0 : Math.max(0, Math.min(1.0, (double) part / whole));
        int filled = (int) Math.floor(fraction * width);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] "
                + String.format(Locale.ROOT, "%5.1f%%", fraction * 100);
    }

    /** The percentage alone, for plain lines. */
    public static String percent(long part, long whole) {
        double fraction = whole <= 0 ? 1.0 : Math.max(0, Math.min(1.0, (double) part / whole));
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
