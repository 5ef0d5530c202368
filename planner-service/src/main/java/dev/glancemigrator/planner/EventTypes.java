package dev.glancemigrator.planner;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.glancemigrator.events.MigrationEvent;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** An event's {@code type} as it is spelled on the wire ({@code copy-task}, {@code copied}, …). */
public final class EventTypes {

    private static final Map<Class<?>, String> NAMES = Arrays
            .stream(MigrationEvent.class.getAnnotation(JsonSubTypes.class).value())
            .collect(Collectors.toUnmodifiableMap(JsonSubTypes.Type::value, JsonSubTypes.Type::name));

    private EventTypes() {
    }

    public static String of(MigrationEvent event) {
        String name = NAMES.get(event.getClass());
        if (name == null) {
            throw new IllegalArgumentException("no wire type for " + event.getClass().getName());
        }
        return name;
    }
}
