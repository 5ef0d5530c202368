package dev.glancemigrator.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The failures of each refresh that were not in an earlier one (an image's next failed attempt is new). */
class FailureFeed {

    private final Set<String> seen = new HashSet<>();

    List<JsonNode> newOnes(JsonNode status) {
        List<JsonNode> fresh = new ArrayList<>();
        for (JsonNode failure : status.path("failures")) {
            if (seen.add(failure.path("imageId").asText() + "#" + failure.path("attempt").asInt())) {
                fresh.add(failure);
            }
        }
        return fresh;
    }

    static String describe(JsonNode failure) {
        return failure.path("imageId").asText("?") + " (" + failure.path("name").asText("") + ") attempt "
                + failure.path("attempt").asInt() + ": " + failure.path("reason").asText("");
    }
}
