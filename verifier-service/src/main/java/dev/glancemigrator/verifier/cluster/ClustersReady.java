package dev.glancemigrator.verifier.cluster;

/** Fired when the clusters become usable ({@code ready}) or stop being so. */
public record ClustersReady(boolean ready) {
}
