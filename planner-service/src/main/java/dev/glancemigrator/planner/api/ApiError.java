package dev.glancemigrator.planner.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every error the API answers: one sentence saying what is wrong. */
@Schema(description = "What was wrong with the request")
public record ApiError(@Schema(example = "unknown target cluster 'neww': configured are new, old") String error) {
}
