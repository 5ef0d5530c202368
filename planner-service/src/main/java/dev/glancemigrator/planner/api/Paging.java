package dev.glancemigrator.planner.api;

import dev.glancemigrator.api.BadInputException;
import dev.glancemigrator.planner.config.PlannerConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks {@code page} and {@code size} query parameters against the configured limits. */
@ApplicationScoped
public class Paging {

    /** A checked request for one page. */
    public record Request(int page, int size) {
        public int first() {
            return page * size;
        }
    }

    private final PlannerConfig config;

    public Paging(PlannerConfig config) {
        this.config = config;
    }

    /** From the query parameters as sent (null when absent). */
    public Request of(String page, String size) {
        int p = page == null ? 0 : number(page, "page");
        int s = size == null ? config.paging().defaultSize() : number(size, "size");
        if (p < 0) {
            throw new BadInputException("'page' counts from 0, was " + p);
        }
        if (s < 1 || s > config.paging().maxSize()) {
            throw new BadInputException("'size' must be between 1 and " + config.paging().maxSize() + ", was " + s);
        }
        if ((long) p * s > Integer.MAX_VALUE) {
            throw new BadInputException("'page' is too large for 'size' " + s);
        }
        return new Request(p, s);
    }

    private static int number(String text, String name) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException("'" + name + "' must be a whole number, was '" + text + "'");
        }
    }
}
