package dev.glancemigrator.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.api.BadInputException;
import dev.glancemigrator.planner.config.PlannerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which source and target pairs a plan accepts, against the configured clusters' fsids. */
class PlanRequestsTest {

    private static final String OLD_FSID = "4fa56cc9-3b49-40ab-9423-3a6c7078d550";
    private static final String NEW_FSID = "e0553c1c-8817-4357-84f6-f46bccc47e47";

    /** "old-twin": a cluster cloned from old, fsid and all, configured under a name of its own. */
    private final PlanRequests requests = new PlanRequests(new Clusters(Map.of(
            "old", cluster(OLD_FSID), "old-twin", cluster(OLD_FSID.toUpperCase()), "new", cluster(NEW_FSID))));

    private static PlannerConfig.Cluster cluster(String fsid) {
        return () -> fsid;
    }

    private TargetPool plan(String sourceCluster, String sourcePool, String targetCluster, String targetPool) {
        PlanRequest request = new PlanRequest(new PlanRequest.Source(sourceCluster, null, sourcePool),
                new PlanRequest.Target(targetCluster, targetPool));
        return requests.target(request, requests.source(request));
    }

    @Test
    void differentlyNamedClustersWithOneFsidAreRefusedWhateverThePools() {
        for (String pool : new String[] {"images", "copies"}) {
            BadInputException refused = assertThrows(BadInputException.class, () -> plan("old", "images", "old-twin", pool));
            assertTrue(refused.getMessage().contains("'old' and target cluster 'old-twin' are configured as different"
                    + " clusters but have the same fsid " + OLD_FSID.toUpperCase()), refused.getMessage());
        }
    }

    @Test
    void poolsOfOneClusterMayStillBeMigratedBetween() {
        assertEquals(new TargetPool("old", OLD_FSID, "copies"), plan("old", "images", "old", "copies"));
        assertEquals(new TargetPool("new", NEW_FSID, "images"), plan("old", "images", "new", "images"));
    }

    @Test
    void aSourceNamedByAnFsidSeveralClustersShareIsRefused() {
        PlanRequest request = new PlanRequest(new PlanRequest.Source(null, OLD_FSID, "images"),
                new PlanRequest.Target("new", "images"));
        BadInputException refused = assertThrows(BadInputException.class, () -> requests.source(request));
        assertTrue(refused.getMessage().contains("configured for several clusters (old, old-twin)"), refused.getMessage());
    }
}
