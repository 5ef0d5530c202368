package dev.glancemigrator.cli.render;

import java.util.Locale;

/** Byte counts as people read them: binary units, one decimal from KiB up ({@code 1.5 GiB}). */
public final class Sizes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final double STEP = 1024;

    private Sizes() {
    }

    public static String human(long bytes) {
        if (bytes < 0) {
            return "-" + human(-bytes);
        }
        double value = bytes;
        int unit = 0;
        while (value >= STEP && unit < UNITS.length - 1) {
            value /= STEP;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    public static String rate(long bytesPerSecond) {
        return human(bytesPerSecond) + "/s";
    }
}
