package dev.glancemigrator.cutover.ceph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * One cluster call per item, {@code inFlight} at a time: each waits on an OSD round trip or a few, and
 * thousands of them one after the other take minutes. The first failure fails the whole (no partial answer).
 */
final class FanOut {

    private FanOut() {
    }

    static <T, R> Map<T, R> each(Collection<T> items, int inFlight, String threadName, Function<T, R> call) {
        Map<T, R> results = new LinkedHashMap<>();
        if (items.isEmpty()) {
            return results;
        }
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(inFlight, items.size()), task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<R>> calls = new ArrayList<>();
            for (T item : items) {
                calls.add(workers.submit(() -> call.apply(item)));
            }
            int i = 0;
            for (T item : items) {
                results.put(item, calls.get(i++).get());
            }
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the cluster", e);
        } finally {
            workers.shutdownNow();
        }
    }
}
