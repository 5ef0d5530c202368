package dev.glancemigrator.worker.readiness;

/** Fired when every dependency answers ({@code ready}) or when one stops answering. */
public record DependenciesReady(boolean ready) {
}
