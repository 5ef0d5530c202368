package dev.glancemigrator.events;

import static dev.glancemigrator.events.Require.notNegative;
import static dev.glancemigrator.events.Require.present;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * Glance's location rows (and, for a {@code full} run, its config) point at the target cluster, and Glance
 * answered after its restart. {@code imagesLeftOnSource} lists the images that still have a live location
 * on the source once it was done (uploads during the switch): a delta run moves them after they are
 * re-planned, copied and verified.
 */
public record CutoverCompleted(
        @JsonUnwrapped EventHeader header,
        String operator,
        Actor actor,
        int locationRowsChanged,
        long durationMillis,
        String runKind,
        List<String> imagesLeftOnSource) implements CutoverEvent {

    /**
     * 2: {@code runKind} and {@code imagesLeftOnSource} added (version 1 reads as a full run that left nothing);
     * 3: {@code actor} added (earlier versions read with a null actor: unknown, {@code operator} alone).
     */
    public static final int SCHEMA_VERSION = 3;
    public static final String FULL = "full";
    public static final String DELTA = "delta";

    public CutoverCompleted {
        present(header, "header");
        present(operator, "operator");
        Actor.checkNamed(actor, operator);
        notNegative(locationRowsChanged, "locationRowsChanged");
        notNegative(durationMillis, "durationMillis");
        runKind = runKind == null ? FULL : runKind;
        imagesLeftOnSource = imagesLeftOnSource == null ? List.of() : List.copyOf(imagesLeftOnSource);
    }
}
