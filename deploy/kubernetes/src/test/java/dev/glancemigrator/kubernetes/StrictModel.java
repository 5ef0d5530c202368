package dev.glancemigrator.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a manifest into its typed model as strictly as the models allow. The fabric8 and Strimzi models
 * never refuse a field they do not know: they keep it in {@code additionalProperties}. So a misspelt or
 * misplaced field parses without complaint, and the API server would drop it (or refuse it) later. Here
 * every object anywhere in the model must have empty {@code additionalProperties}, and the model written
 * back must be exactly the manifest: nothing dropped, nothing added, nothing changed.
 */
final class StrictModel {

    /** Plain Jackson (not fabric8's lenient serialization): no scalar coercion, no duplicate keys. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    private static final String ADDITIONAL_PROPERTIES = "additionalProperties";
    private static final List<String> MODEL_PACKAGES = List.of("io.fabric8.", "io.strimzi.");

    private StrictModel() {
    }

    /** The typed model of {@code source}; what is wrong with it goes to {@code problems}, prefixed by {@code what}. */
    static <T> T read(JsonNode source, Class<T> type, String what, List<String> problems) {
        T model;
        try {
            model = JSON.treeToValue(source, type);
        } catch (JsonProcessingException e) {
            problems.add(what + ": does not parse into " + type.getName() + ": " + e.getOriginalMessage());
            return null;
        }
        unknownFields(model, what, problems);
        JsonNode back = JSON.valueToTree(model);
        differences(what, source, back, problems);
        return model;
    }

    /** Every non-empty {@code additionalProperties} in the object graph, with its path. */
    static void unknownFields(Object model, String what, List<String> problems) {
        walk(model, what, Collections.newSetFromMap(new IdentityHashMap<>()), problems);
    }

    private static void walk(Object value, String path, Set<Object> seen, List<String> problems) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> walk(entry, path + "." + key, seen, problems));
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", seen, problems);
            }
            return;
        }
        if (!isModel(value.getClass())) {
            return;
        }
        for (Class<?> type = value.getClass(); type != null && isModel(type); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object fieldValue;
                try {
                    fieldValue = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals(ADDITIONAL_PROPERTIES)) {
                    if (fieldValue instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                        problems.add(path + ": fields the model does not know (a typo, or a field in the wrong place): "
                                + new TreeSet<>(unknown.keySet().stream().map(String::valueOf).toList()));
                    }
                    continue;
                }
                walk(fieldValue, path + "." + field.getName(), seen, problems);
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        return MODEL_PACKAGES.stream().anyMatch(type.getName()::startsWith);
    }

    /** Where {@code actual} (the model written back) differs from {@code expected} (the manifest). */
    static void differences(String path, JsonNode expected, JsonNode actual, List<String> problems) {
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode was = expected.get(name);
                JsonNode is = actual.get(name);
                if (is == null) {
                    problems.add(path + "." + name + ": dropped when the model is written back");
                } else if (was == null) {
                    problems.add(path + "." + name + ": added by the model (" + is + ")");
                } else {
                    differences(path + "." + name, was, is, problems);
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                problems.add(path + ": " + expected.size() + " items became " + actual.size());
                return;
            }
            Iterator<JsonNode> was = expected.elements();
            Iterator<JsonNode> is = actual.elements();
            for (int index = 0; was.hasNext(); index++) {
                differences(path + "[" + index + "]", was.next(), is.next(), problems);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                problems.add(path + ": " + expected + " became " + actual);
            }
        } else if (!expected.equals(actual)) {
            problems.add(path + ": " + expected + " became " + actual);
        }
    }
}
