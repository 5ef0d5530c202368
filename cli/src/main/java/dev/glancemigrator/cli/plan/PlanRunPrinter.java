package dev.glancemigrator.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glancemigrator.cli.ServiceCommand;

/** Plan and re-plan answer alike: the run's counts, then every image out of scope or skipped, with why. */
abstract class PlanRunPrinter extends ServiceCommand {

    protected int report(String verb, JsonNode run) {
        String path = "/migrations/" + segment(run.path("migrationId").asText()) + "/images";
        JsonNode outOfScope = allPages(root.planner(), path, "state", "out_of_scope");
        JsonNode skipped = allPages(root.planner(), path, "state", "skipped");
        if (json()) {
            // The planner's answer, with the two lists beside it (its fields stay as they are for scripts).
            ObjectNode answer = run.deepCopy();
            answer.set("outOfScope", outOfScope.path("items"));
            answer.set("skipped", skipped.path("items"));
            printJson(answer);
        } else {
            print(PlanReport.lines(verb, run, outOfScope, skipped));
        }
        return 0;
    }
}
