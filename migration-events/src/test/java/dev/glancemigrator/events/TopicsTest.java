package dev.glancemigrator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyTopicConstantHasASpecAndEverySpecAConstant() {
        Set<String> constants = Arrays.stream(Topics.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(TopicsTest::value)
                .collect(Collectors.toSet());
        Set<String> specified = Topics.specs().stream().map(Topics.Spec::name).collect(Collectors.toSet());
        assertEquals(constants, specified);
    }

    @Test
    void eventsAreRoutedToTheTopicOfTheirKind() {
        var events = SampleEvents.all();
        assertEquals(Topics.COPY_TASKS, Topics.of(events.get(0)));
        assertEquals(Topics.COPY_PROGRESS, Topics.of(events.get(1)));
        assertEquals(Topics.COPY_RESULTS, Topics.of(events.get(2)));
        assertEquals(Topics.COPY_RESULTS, Topics.of(events.get(3)));
        assertEquals(Topics.VERIFY_PROGRESS, Topics.of(events.get(4)));
        assertEquals(Topics.VERIFY_RESULTS, Topics.of(events.get(5)));
        assertEquals(Topics.VERIFY_RESULTS, Topics.of(events.get(6)));
        for (MigrationEvent event : events.subList(7, events.size())) {
            assertEquals(Topics.MIGRATION_EVENTS, Topics.of(event));
        }
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
