package dev.glancemigrator.cutover.glance;

import dev.glancemigrator.cutover.config.CutoverConfig;

/** Where Glance's store should point after the cutover: a configured cluster and a pool in it. */
public record SwitchTarget(String clusterName, CutoverConfig.Cluster cluster, String pool) {
}
