package dev.glancemigrator.cli.render;

/** Seconds as a short human span: {@code 42s}, {@code 3m05s}, {@code 1h02m}, {@code 2d03h}. */
public final class Durations {

    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private Durations() {
    }

    public static String human(long seconds) {
        if (seconds < MINUTE) {
            return seconds + "s";
        }
        if (seconds < HOUR) {
            return String.format("%dm%02ds", seconds / MINUTE, seconds % MINUTE);
        }
        if (seconds < DAY) {
            return String.format("%dh%02dm", seconds / HOUR, seconds % HOUR / MINUTE);
        }
        return String.format("%dd%02dh", seconds / DAY, seconds % DAY / HOUR);
    }
}
