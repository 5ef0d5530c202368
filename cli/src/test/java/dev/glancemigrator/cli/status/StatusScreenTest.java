package dev.glancemigrator.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusScreenTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode status(String counts, String extra) throws Exception {
        return JSON.readTree("""
                {"id":"7b0e5f7e-0000-4000-8000-000000000001",
                 "source":{"cluster":"old","fsid":"f1","pool":"images"},
                 "target":{"cluster":"new","fsid":"f2","pool":"images"},
                 "planRuns":1,
                 "counts":%s,
                 "bytes":{"total":1073741824,"copied":536870912,"verified":268435456},
                 "rateBytesPerSecond":10485760,"etaSeconds":51,"etaAt":null,
                 "inFlight":[{"host":"copier-1","copies":2,"verifications":1,"copyBytesPerSecond":10485760},
                             {"host":"copier-2","copies":0,"verifications":0,"copyBytesPerSecond":0}],
                 "failures":[],"stuck":[],"moreStuck":false,"unpublishedEvents":0%s}
                """.formatted(counts, extra));
    }

    @Test
    void theScreenShowsBarsForCopiedAndVerifiedRateEtaCountsAndEachHost() throws Exception {
        List<String> lines = StatusScreen.lines(status("{\"planned\":3,\"copying\":2,\"verified\":5,\"out_of_scope\":1}", ""));

        assertTrue(lines.contains("copied    [" + "#".repeat(20) + "-".repeat(20) + "]  50.0%  512.0 MiB of 1.0 GiB"),
                String.join("\n", lines));
        assertTrue(lines.contains("verified  [" + "#".repeat(10) + "-".repeat(30) + "]  25.0%  256.0 MiB of 1.0 GiB"));
        assertTrue(lines.contains("rate      10.0 MiB/s   ETA 51s"));
        assertTrue(lines.contains("images    planned 3, copying 2, verified 5, out_of_scope 1"));
        assertTrue(lines.contains("  copier-1       2          1  10.0 MiB/s"), String.join("\n", lines));
        assertTrue(lines.contains("5 images still to copy or verify"));
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("dependents")));
    }

    @Test
    void dependentsAreShownWhenThePlannerReportsThem() throws Exception {
        List<String> lines = StatusScreen.lines(status("{\"verified\":5}", ",\"dependents\":{\"images\":2,\"children\":7}"));

        assertTrue(lines.contains("dependents 2 images have 7 clones or children on the source"));
        assertTrue(lines.contains("finished: 5 verified, 0 failed"));
    }

    @Test
    void onlyTheLastFailuresAreListedWithTheirCountAndReasons() throws Exception {
        StringBuilder failures = new StringBuilder();
        for (int i = 1; i <= 7; i++) {
            failures.append(i > 1 ? "," : "").append("{\"imageId\":\"img-").append(i)
                    .append("\",\"name\":\"n\",\"attempt\":3,\"reason\":\"checksum mismatch ").append(i).append("\"}");
        }
        List<String> lines = StatusScreen.lines(status("{\"verified\":5,\"failed\":7}",
                "").deepCopy().<com.fasterxml.jackson.databind.node.ObjectNode>require()
                .set("failures", JSON.readTree("[" + failures + "]")));

        assertTrue(lines.contains("FAILED (7, the last 5 shown):"), String.join("\n", lines));
        assertTrue(lines.contains("  ! img-7 (n) attempt 3: checksum mismatch 7"));
        assertFalse(lines.stream().anyMatch(l -> l.contains("img-2 ")));
        assertTrue(lines.contains("finished: 5 verified, 7 failed"));
    }

    @Test
    void thePlainLineCarriesTheSameFiguresAndTheHostsAtWork() throws Exception {
        String line = StatusScreen.plainLine(status("{\"planned\":1,\"verified\":5}", ""), Instant.EPOCH);

        assertTrue(line.contains(" copied 512.0 MiB / 1.0 GiB (50%), verified 256.0 MiB (25%) at 10.0 MiB/s, ETA 51s; "
                + "planned 1, verified 5; in flight: copier-1 2c/1v at 10.0 MiB/s"), line);
        assertFalse(line.contains("copier-2"));
    }

    @Test
    void aFailureIsReportedOnceAndAnImagesNextFailedAttemptIsNew() throws Exception {
        FailureFeed feed = new FailureFeed();
        JsonNode one = JSON.readTree("{\"failures\":[{\"imageId\":\"a\",\"attempt\":1,\"reason\":\"r\"}]}");
        JsonNode two = JSON.readTree("{\"failures\":[{\"imageId\":\"a\",\"attempt\":1},{\"imageId\":\"a\",\"attempt\":2}]}");

        assertEquals(1, feed.newOnes(one).size());
        assertEquals(0, feed.newOnes(one).size());
        assertEquals(2, feed.newOnes(two).get(0).path("attempt").asInt());
    }

    @Test
    void aMigrationIsFinishedWhenNoImageIsPlannedCopyingCopiedOrVerifying() throws Exception {
        assertFalse(new StatusReading(status("{\"copied\":1,\"verified\":5}", "")).finished());
        assertTrue(new StatusReading(status("{\"verified\":5,\"failed\":1,\"skipped\":2}", "")).finished());
        assertEquals(List.of("planned", "verified", "some_new_state"),
                StatusScreen.counts(status("{\"some_new_state\":1,\"verified\":5,\"planned\":0}", ""))
                        .stream().map(java.util.Map.Entry::getKey).toList());
    }
}
