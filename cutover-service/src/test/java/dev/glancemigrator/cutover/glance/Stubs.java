package dev.glancemigrator.cutover.glance;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A configuration interface answering from a map by method name; any other call is refused. */
final class Stubs {

    private Stubs() {
    }

    @SuppressWarnings("unchecked")
    static <T> T of(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (!values.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return values.get(method.getName());
        });
    }
}
