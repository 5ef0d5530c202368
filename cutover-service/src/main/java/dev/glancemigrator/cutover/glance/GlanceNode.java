package dev.glancemigrator.cutover.glance;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One glance-api process of the fleet: its name (from {@code cutover.glance.nodes.<name>}), its API,
 * and, for the {@code file} switch, its glance-api.conf, restart command and the directory its Ceph
 * client files go to.
 */
public record GlanceNode(String name, URI url, Optional<Path> conf, Optional<String> restartCommand, Path cephDir) {

    /** {@code <url>/<path>} without doubled slashes, whatever the configured URL ends with. */
    URI resolve(String path) {
        return URI.create(url.toString().replaceAll("/+$", "") + "/" + path.replaceAll("^/+", ""));
    }

    /** glance-api.conf, which the caller (the {@code file} switch) has checked is set. */
    Path requiredConf() {
        return conf.orElseThrow(() -> new IllegalStateException("cutover.glance.nodes." + name + ".conf is not set"));
    }

    @Override
    public String toString() {
        return name + " (" + url + ")";
    }
}
