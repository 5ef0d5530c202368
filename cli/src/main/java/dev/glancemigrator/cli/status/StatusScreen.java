package dev.glancemigrator.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glancemigrator.cli.render.Durations;
import dev.glancemigrator.cli.render.ProgressBar;
import dev.glancemigrator.cli.render.Sizes;
import dev.glancemigrator.cli.render.Table;
import dev.glancemigrator.cli.render.Table.Column;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A migration's status as a screen: the bytes copied and verified against the total as bars, rate and ETA,
 * the images per state, each host's work in flight, failures (the newest last) and stuck images. The same
 * lines are the live display of {@code status --watch} and the one-off {@code status}.
 */
public final class StatusScreen {

    static final int BAR_WIDTH = 40;
    /** Failures and stuck images shown on the screen; the rest are counted ({@code images --state failed}). */
    static final int LISTED = 5;
    /** A failure's or a stuck image's line is cut here, so one long reason cannot wrap the screen. */
    static final int LINE_LIMIT = 116;
    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private StatusScreen() {
    }

    public static List<String> lines(JsonNode status) {
        StatusReading s = new StatusReading(status);
        List<String> lines = new ArrayList<>();
        lines.add("migration " + status.path("id").asText("?") + "  " + s.pool("source") + " -> " + s.pool("target")
                + "  (plan runs " + status.path("planRuns").asInt(1) + ")");
        lines.add("");
        lines.add("copied    " + ProgressBar.of(s.copied(), s.total(), BAR_WIDTH) + "  " + Sizes.human(s.copied())
                + " of " + Sizes.human(s.total()));
        lines.add("verified  " + ProgressBar.of(s.verified(), s.total(), BAR_WIDTH) + "  " + Sizes.human(s.verified())
                + " of " + Sizes.human(s.total()));
        lines.add("rate      " + Sizes.rate(s.rate()) + "   ETA " + eta(status));
        lines.add("");
        lines.add("images    " + s.counts().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")));
        JsonNode dependents = status.path("dependents");
        if (dependents.isObject()) {
            lines.add("dependents " + dependents.path("images").asLong() + " images have "
                    + dependents.path("children").asLong() + " clones or children on the source");
        }
        lines.addAll(hosts(status));
        lines.addAll(failures(status));
        lines.addAll(stuck(status));
        long unpublished = status.path("unpublishedEvents").asLong(0);
        if (unpublished > 0) {
            lines.add("");
            lines.add(unpublished + " events wait in the planner's outbox for Kafka");
        }
        lines.add("");
        lines.add(s.finished()
                ? "finished: " + s.count("verified") + " verified, " + s.failed() + " failed"
                : s.open() + (s.open() == 1 ? " image" : " images") + " still to copy or verify");
        return lines;
    }

    /** One line for a log or a pipe: the same figures, no bars. */
    public static String plainLine(JsonNode status, Instant now) {
        StatusReading s = new StatusReading(status);
        StringBuilder line = new StringBuilder(CLOCK.format(now)).append(" copied ").append(Sizes.human(s.copied()))
                .append(" / ").append(Sizes.human(s.total())).append(" (").append(ProgressBar.percent(s.copied(), s.total()))
                .append("), verified ").append(Sizes.human(s.verified())).append(" (")
                .append(ProgressBar.percent(s.verified(), s.total())).append(") at ").append(Sizes.rate(s.rate()))
                .append(", ETA ").append(eta(status)).append("; ")
                .append(s.counts().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        List<String> hosts = new ArrayList<>();
        for (JsonNode host : status.path("inFlight")) {
            if (host.path("copies").asLong() > 0 || host.path("verifications").asLong() > 0) {
                hosts.add(host.path("host").asText() + " " + host.path("copies").asLong() + "c/"
                        + host.path("verifications").asLong() + "v at " + Sizes.rate(host.path("copyBytesPerSecond").asLong()));
            }
        }
        if (!hosts.isEmpty()) {
            line.append("; in flight: ").append(String.join(", ", hosts));
        }
        return line.toString();
    }

    static String eta(JsonNode status) {
        if (!status.hasNonNull("etaSeconds")) {
            return new StatusReading(status).copied() >= new StatusReading(status).total() ? "-" : "? (nothing moves)";
        }
        String eta = Durations.human(status.get("etaSeconds").asLong());
        if (status.hasNonNull("etaAt")) {
            try {
                eta += " (at " + CLOCK.format(Instant.parse(status.get("etaAt").asText())) + ")";
            } catch (DateTimeParseException e) {
                // a form this CLI does not read: the span alone says enough
            }
        }
        return eta;
    }

    private static List<String> hosts(JsonNode status) {
        Table table = new Table(Column.left("HOST"), Column.right("COPIES"), Column.right("VERIFYING"),
                Column.right("COPY RATE"));
        for (JsonNode host : status.path("inFlight")) {
            table.row(host.path("host").asText(), host.path("copies").asLong(), host.path("verifications").asLong(),
                    Sizes.rate(host.path("copyBytesPerSecond").asLong()));
        }
        List<String> lines = new ArrayList<>();
        lines.add("");
        if (table.isEmpty()) {
            lines.add("in flight: nothing");
        } else {
            lines.add("in flight:");
            table.lines().forEach(l -> lines.add("  " + l));
        }
        return lines;
    }

    private static List<String> failures(JsonNode status) {
        JsonNode failures = status.path("failures");
        List<String> lines = new ArrayList<>();
        if (failures.isEmpty()) {
            return lines;
        }
        lines.add("");
        lines.add("FAILED (" + failures.size() + (failures.size() > LISTED ? ", the last " + LISTED + " shown" : "") + "):");
        for (int i = Math.max(0, failures.size() - LISTED); i < failures.size(); i++) {
            lines.add(cut("  ! " + FailureFeed.describe(failures.get(i))));
        }
        return lines;
    }

    private static List<String> stuck(JsonNode status) {
        JsonNode stuck = status.path("stuck");
        List<String> lines = new ArrayList<>();
        if (stuck.isEmpty()) {
            return lines;
        }
        lines.add("");
        lines.add("stuck (" + stuck.size() + (status.path("moreStuck").asBoolean() ? "+" : "") + "):");
        for (int i = 0; i < Math.min(stuck.size(), LISTED); i++) {
            JsonNode image = stuck.get(i);
            lines.add(cut("  ? " + image.path("imageId").asText() + " (" + image.path("name").asText("") + ") "
                    + image.path("state").asText() + " since " + image.path("since").asText("?") + ": waiting for "
                    + image.path("waitingFor").asText("?")));
        }
        return lines;
    }

    static String cut(String line) {
        return line.length() > LINE_LIMIT ? line.substring(0, LINE_LIMIT - 1) + "…" : line;
    }

    /** Exposed for tests: the counts in display order. */
    static List<Map.Entry<String, Long>> counts(JsonNode status) {
        return new StatusReading(status).counts();
    }
}
