package dev.glancemigrator.cutover.glance;

import dev.glancemigrator.cutover.config.CutoverConfig;
import java.nio.file.Path;

/** Where Glance's store should point after the cutover: a configured cluster and a pool in it. */
public record SwitchTarget(String clusterName, CutoverConfig.Cluster cluster, String pool) {

    /** Glance's client conf on the target; a cluster configured only as a source has none. */
    public Path glanceConf() {
        return cluster.glanceConf().orElseThrow(() -> new IllegalStateException("cutover.clusters." + clusterName
                + ".glance-conf is not set: Glance cannot be switched to '" + clusterName + "'"));
    }
}
