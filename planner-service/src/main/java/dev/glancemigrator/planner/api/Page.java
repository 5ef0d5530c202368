package dev.glancemigrator.planner.api;

import java.util.List;

/** One page of a longer list: {@code page} counts from 0, {@code total} is the whole list's length. */
public record Page<T>(int page, int size, long total, List<T> items) {
}
