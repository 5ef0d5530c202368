package dev.glancemigrator.planner.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UtcMicrosTest {

    private final UtcMicros column = new UtcMicros();

    @Test
    void writesUtcWithMicrosecondsAndReadsItBack() {
        Instant instant = Instant.parse("2026-11-26T05:30:00.123456789Z");
        assertEquals("2026-11-26 05:30:00.123456", column.convertToDatabaseColumn(instant));
        assertEquals(Instant.parse("2026-11-26T05:30:00.123456Z"),
                column.convertToEntityAttribute("2026-11-26 05:30:00.123456"));
    }

    @Test
    void readsWhatTheDatabaseReturnsWithoutAFraction() {
        assertEquals(Instant.parse("2026-11-26T05:30:00Z"), column.convertToEntityAttribute("2026-11-26 05:30:00"));
        assertEquals(Instant.parse("2026-11-26T05:30:00.1Z"), column.convertToEntityAttribute("2026-11-26 05:30:00.1"));
    }

    @Test
    void nullStaysNull() {
        assertNull(column.convertToDatabaseColumn(null));
        assertNull(column.convertToEntityAttribute(null));
    }
}
