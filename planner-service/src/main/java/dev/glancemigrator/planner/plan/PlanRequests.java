package dev.glancemigrator.planner.plan;

import dev.glancemigrator.api.BadInputException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.SortedSet;

/** Checks a {@link PlanRequest} against the configured clusters; every refusal says what is wrong. */
@ApplicationScoped
public class PlanRequests {

    private final Clusters clusters;

    public PlanRequests(Clusters clusters) {
        this.clusters = clusters;
    }

    public SourcePool source(PlanRequest request) {
        PlanRequest.Source source = required(request).source();
        if (source == null) {
            throw new BadInputException("'source' is required: {\"cluster\" or \"fsid\", \"pool\"}");
        }
        String pool = pool(source.pool(), "source");
        boolean byName = present(source.cluster());
        boolean byFsid = present(source.fsid());
        if (!byName && !byFsid) {
            throw new BadInputException("'source' needs 'cluster' (one of " + clusters.names() + ") or 'fsid'");
        }
        String name = byName ? source.cluster() : clusterOfFsid(source.fsid());
        String fsid = clusters.fsidOf(name).orElseThrow(() ->
                new BadInputException("unknown source cluster '" + name + "': configured are " + clusters.names()));
        if (byFsid && !fsid.equalsIgnoreCase(source.fsid())) {
            throw new BadInputException("source cluster '" + name + "' has fsid " + fsid + ", not " + source.fsid());
        }
        return new SourcePool(name, fsid, pool);
    }

    public TargetPool target(PlanRequest request, SourcePool source) {
        PlanRequest.Target target = required(request).target();
        if (target == null) {
            throw new BadInputException("'target' is required: {\"cluster\", \"pool\"}");
        }
        if (!present(target.cluster())) {
            throw new BadInputException("'target.cluster' is required (one of " + clusters.names() + ")");
        }
        String pool = pool(target.pool(), "target");
        String fsid = clusters.fsidOf(target.cluster()).orElseThrow(() -> new BadInputException(
                "unknown target cluster '" + target.cluster() + "': configured are " + clusters.names()));
        if (!target.cluster().equals(source.cluster()) && fsid.equalsIgnoreCase(source.fsid())) {
            // Glance's locations name the cluster by fsid only: the rewrite could not tell the copies from their sources.
            throw new BadInputException("source cluster '" + source.cluster() + "' and target cluster '" + target.cluster()
                    + "' are configured as different clusters but have the same fsid " + fsid + ": Glance's locations"
                    + " (rbd://<fsid>/...) could not tell them apart after the cutover. Give the clusters distinct fsids,"
                    + " or name one cluster as both source and target to move images between its pools");
        }
        if (fsid.equalsIgnoreCase(source.fsid()) && pool.equals(source.pool())) {
            throw new BadInputException("source and target are the same pool: " + source.cluster() + "/" + pool);
        }
        return new TargetPool(target.cluster(), fsid, pool);
    }

    private String clusterOfFsid(String fsid) {
        SortedSet<String> names = clusters.namesOfFsid(fsid);
        if (names.isEmpty()) {
            throw new BadInputException("unknown source fsid '" + fsid + "': not one of the configured clusters ("
                    + clusters.names() + ")");
        }
        if (names.size() > 1) {
            throw new BadInputException("source fsid '" + fsid + "' is configured for several clusters (" + String.join(", ", names)
                    + "): name the source cluster");
        }
        return names.first();
    }

    private static PlanRequest required(PlanRequest request) {
        if (request == null) {
            throw new BadInputException("a JSON body is required: {\"source\": {...}, \"target\": {...}}");
        }
        return request;
    }

    /** A pool name as Ceph allows it in a location URL: not empty, no '/' or '@'. */
    private static String pool(String pool, String side) {
        if (!present(pool)) {
            throw new BadInputException("'" + side + ".pool' is required");
        }
        if (pool.contains("/") || pool.contains("@") || !pool.equals(pool.strip())) {
            throw new BadInputException("'" + side + ".pool' is not a pool name: '" + pool + "'");
        }
        return pool;
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
