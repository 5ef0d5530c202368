package dev.glancemigrator.cutover.plan;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One glance.image_locations row and what the cutover writes into it. */
@Schema(description = "One location row: its id, and its value and meta_data before and after the cutover")
public record LocationChange(
        long locationId,
        String imageId,
        String oldValue,
        String newValue,
        String oldMetaData,
        String newMetaData) {
}
