package dev.glancemigrator.cli.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plan --source old[/images] --target new[/images]}: a new migration, planned from Glance's inventory. */
@Command(name = "plan", description = "Plan a migration: every image of the source pool in scope, the rest listed with a reason.")
public class PlanCommand extends PlanRunPrinter {

    /** The pool Glance's images are in unless said otherwise. */
    static final String DEFAULT_POOL = "images";

    @Option(names = "--source", required = true, paramLabel = "CLUSTER[/POOL]",
            description = "the cluster (as the planner names it) and pool Glance stores in now (pool default: images)")
    String source;

    @Option(names = "--target", required = true, paramLabel = "CLUSTER[/POOL]",
            description = "the cluster and pool to migrate to (pool default: images)")
    String target;

    @Override
    public Integer call() {
        ObjectNode body = root.json().createObjectNode();
        body.set("source", pool(source));
        body.set("target", pool(target));
        return report("Planned", root.planner().post("/migrations", Map.of(), body));
    }

    private ObjectNode pool(String clusterAndPool) {
        int slash = clusterAndPool.indexOf('/');
        ObjectNode pool = root.json().createObjectNode();
        pool.put("cluster", slash < 0 ? clusterAndPool : clusterAndPool.substring(0, slash));
        pool.put("pool", slash < 0 ? DEFAULT_POOL : clusterAndPool.substring(slash + 1));
        return pool;
    }
}
