package dev.glancemigrator.planner.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestYamlTest {

    private static final Instant UPDATED = Instant.parse("2026-11-26T06:00:00Z");
    private static final Instant MIGRATED = Instant.parse("2026-11-26T05:30:00.123456Z");

    @Test
    void writesTheFirstToolsStateFormatWithSizesAsStrings() {
        String yaml = ManifestYaml.render(UPDATED, List.of(
                new ManifestYaml.Entry("0ea06db9", "disque-système-ü", 16777216, MIGRATED, false),
                new ManifestYaml.Entry("1f50443b", null, 0, MIGRATED, true)));
        assertEquals("""
                update_date: "2026-11-26T06:00:00Z"
                images:
                  - id: "0ea06db9"
                    name: "disque-système-ü"
                    size_bytes: "16777216"
                    migrated_at: "2026-11-26T05:30:00.123456Z"
                    original_deleted: false
                  - id: "1f50443b"
                    name: null
                    size_bytes: "0"
                    migrated_at: "2026-11-26T05:30:00.123456Z"
                    original_deleted: true
                """, yaml);
    }

    @Test
    void namesThatLookLikeYamlStayStrings() {
        String yaml = ManifestYaml.render(UPDATED, List.of(
                new ManifestYaml.Entry("a", "key: \"value\"\n- item # not a comment", 1, MIGRATED, false)));
        assertEquals("    name: \"key: \\\"value\\\"\\n- item # not a comment\"", yaml.lines().toList().get(3));
    }

    @Test
    void noMigratedImagesIsAnEmptyList() {
        assertEquals("update_date: \"2026-11-26T06:00:00Z\"\nimages: []\n", ManifestYaml.render(UPDATED, List.of()));
    }
}
