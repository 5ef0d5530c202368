package dev.glancemigrator.cli.images;

import com.fasterxml.jackson.databind.JsonNode;

/** The line under a paged table: which page of how many. */
final class Pages {

    private Pages() {
    }

    static String footer(JsonNode page) {
        long total = page.path("total").asLong();
        int size = Math.max(1, page.path("size").asInt(1));
        long pages = Math.max(1, (total + size - 1) / size);
        return "page " + page.path("page").asInt() + " of " + pages + " (0-based), " + total + " in all";
    }
}
