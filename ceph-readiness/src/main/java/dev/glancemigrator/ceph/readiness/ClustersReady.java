package dev.glancemigrator.ceph.readiness;

/** Fired when the clusters become usable ({@code ready}) or stop being so. */
public record ClustersReady(boolean ready) {
}
