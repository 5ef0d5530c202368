package dev.glancemigrator.cutover.api;

import dev.glancemigrator.cutover.plan.Blocker;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every error the API answers: what is wrong and, for a 409 on preconditions, each blocker. */
@Schema(description = "What was wrong with the request")
public record ApiError(String error, List<Blocker> blockers) {

    public ApiError(String error) {
        this(error, List.of());
    }
}
