package dev.glancemigrator.cli.render;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the output is a terminal (live redraw) or a pipe or file (plain lines). */
public final class Terminal {

    /** Home the cursor; each line then clears its rest, and the screen below the last line is cleared. */
    public static final String HOME = "\033[H";
    public static final String CLEAR_SCREEN = "\033[2J";
    public static final String CLEAR_LINE_REST = "\033[K";
    public static final String CLEAR_BELOW = "\033[J";

    private Terminal() {
    }

    public static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 a console exists even when redirected; isTerminal() tells (absent before: not needed).
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** One frame drawn over the last one, so the screen does not flicker or scroll. */
    public static String frame(Iterable<String> lines, boolean first) {
        StringBuilder frame = new StringBuilder(first ? CLEAR_SCREEN + HOME : HOME);
        for (String line : lines) {
            frame.append(line).append(CLEAR_LINE_REST).append('\n');
        }
        return frame.append(CLEAR_BELOW).toString();
    }
}
