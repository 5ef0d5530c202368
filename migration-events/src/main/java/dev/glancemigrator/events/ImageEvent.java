package dev.glancemigrator.events;

/** An event about one Glance image; keyed by the image id so one image's history stays in order. */
public sealed interface ImageEvent extends MigrationEvent
        permits CopyTask, CopyProgress, CopyResult, VerifyProgress, VerifyResult {

    String imageId();

    @Override
    default String key() {
        return imageId();
    }
}
