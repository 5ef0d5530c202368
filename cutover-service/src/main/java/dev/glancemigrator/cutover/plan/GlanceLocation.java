package dev.glancemigrator.cutover.plan;

/** A live, non-deleted, non-pending_delete location row of Glance's database. */
public record GlanceLocation(long id, String imageId, String value, String metaData, String status) {
}
