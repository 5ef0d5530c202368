package dev.glancemigrator.planner.plan;

import java.util.List;

/** One row of Glance's {@code images} with its {@code image_locations} rows, as read at planning time. */
public record GlanceImage(String id, String name, Long sizeBytes, String status, boolean deleted,
        List<Location> locations) {

    public GlanceImage {
        locations = List.copyOf(locations);
    }

    /** One {@code image_locations} row. */
    public record Location(long rowId, String url, boolean deleted, String status) {
    }
}
