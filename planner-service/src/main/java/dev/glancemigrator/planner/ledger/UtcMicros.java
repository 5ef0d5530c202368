package dev.glancemigrator.planner.ledger;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * Every instant in the ledger, as UTC text with microseconds, which MariaDB stores in DATETIME(6) as
 * it is. Bound as a timestamp, the MySQL driver would drop the fraction: MariaDB introduces itself as
 * "5.5.5-10.x", older than the MySQL 5.6.4 that brought fractional seconds.
 */
@Converter(autoApply = true)
public class UtcMicros implements AttributeConverter<Instant, String> {

    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    @Override
    public String convertToDatabaseColumn(Instant instant) {
        return text(instant);
    }

    @Override
    public Instant convertToEntityAttribute(String text) {
        return text == null ? null : LocalDateTime.parse(text, READ).toInstant(ZoneOffset.UTC);
    }

    /** For native queries, which bypass the converter. */
    public static String text(Instant instant) {
        return instant == null ? null
                : WRITE.format(instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).toLocalDateTime());
    }
}
