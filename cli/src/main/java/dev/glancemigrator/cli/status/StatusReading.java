package dev.glancemigrator.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** What a planner status answer says, read tolerantly (an absent field is zero or empty). */
record StatusReading(JsonNode status) {

    /** The states in the order of an image's journey, then the final ones off it. */
    static final List<String> STATES = List.of("planned", "copying", "copied", "verifying", "verified", "failed",
            "skipped", "out_of_scope");
    /** The states of an image still being worked on: while any is counted, the migration is not finished. */
    static final List<String> OPEN = List.of("planned", "copying", "copied", "verifying");

    long count(String state) {
        return status.path("counts").path(state).asLong(0);
    }

    long open() {
        return OPEN.stream().mapToLong(this::count).sum();
    }

    long failed() {
        return count("failed");
    }

    boolean finished() {
        return open() == 0;
    }

    long total() {
        return status.path("bytes").path("total").asLong(0);
    }

    long copied() {
        return status.path("bytes").path("copied").asLong(0);
    }

    long verified() {
        return status.path("bytes").path("verified").asLong(0);
    }

    long rate() {
        return status.path("rateBytesPerSecond").asLong(0);
    }

    /** Every state counted, in journey order, then any state this CLI does not know yet. */
    List<Map.Entry<String, Long>> counts() {
        List<Map.Entry<String, Long>> counts = new ArrayList<>();
        STATES.stream().filter(s -> status.path("counts").has(s)).forEach(s -> counts.add(Map.entry(s, count(s))));
        Iterator<String> names = status.path("counts").fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!STATES.contains(name)) {
                counts.add(Map.entry(name, count(name)));
            }
        }
        return counts;
    }

    String pool(String side) {
        JsonNode pool = status.path(side);
        return pool.path("cluster").asText("?") + "/" + pool.path("pool").asText("?");
    }
}
