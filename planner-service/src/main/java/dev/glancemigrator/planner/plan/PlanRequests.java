package dev.glancemigrator.planner.plan;

import dev.glancemigrator.api.BadInputException;
import jakarta.enterprise.context.ApplicationScoped;

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
        String name = byName ? source.cluster() : clusters.nameOfFsid(source.fsid()).orElseThrow(() ->
                new BadInputException("unknown source fsid '" + source.fsid()
                        + "': not one of the configured clusters (" + clusters.names() + ")"));
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
        if (fsid.equalsIgnoreCase(source.fsid()) && pool.equals(source.pool())) {
            throw new BadInputException("source and target are the same pool: " + source.cluster() + "/" + pool);
        }
        return new TargetPool(target.cluster(), fsid, pool);
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
