package dev.glancemigrator.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one JSON form of every event. Fields a newer producer adds are ignored and enum values it adds
 * read as {@code UNKNOWN}, so consumers can be upgraded after producers; anything else that does not
 * make a complete event of the expected kind is a {@link MalformedEventException}.
 */
public final class EventCodec {

    /** How much of a rejected payload an error message quotes: enough to recognise it in a log. */
    private static final int EXCERPT_CHARS = 160;

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public byte[] encode(MigrationEvent event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    public <T extends MigrationEvent> T decode(byte[] json, Class<T> expected) {
        if (json == null || json.length == 0) {
            throw new MalformedEventException("empty message where a " + expected.getSimpleName() + " was expected", null);
        }
        try {
            return mapper.readValue(json, expected);
        } catch (ValueInstantiationException e) {
            Throwable why = e.getCause() != null ? e.getCause() : e;
            throw new MalformedEventException("not a valid " + expected.getSimpleName() + ": " + why.getMessage()
                    + " in " + excerpt(json), e);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a valid " + expected.getSimpleName() + ": "
                    + e.getOriginalMessage() + where(e) + " in " + excerpt(json), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The field a mapping error is about, when Jackson knows it. */
    private static String where(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            String path = mapping.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                    .filter(Objects::nonNull).collect(Collectors.joining("."));
            return path.isEmpty() ? "" : " (field '" + path + "')";
        }
        return "";
    }

    private static String excerpt(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS) + "…";
    }
}
