package dev.glancemigrator.ceph;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach one cluster as one cephx client: the conf file (with its keyring path in it) and the
 * client id. {@code timeout} bounds connecting and monitor operations, so an unreachable cluster or
 * a wrong key is an error after that long instead of a hang.
 */
public record CephClientConfig(Path confFile, String clientId, Duration timeout) {

    public CephClientConfig {
        if (confFile == null || clientId == null || clientId.isBlank() || timeout == null) {
            throw new IllegalArgumentException("a Ceph client needs a conf file, a client id and a timeout");
        }
    }

    /** {@code client.<id>}, as cephx names it. */
    public String entityName() {
        return "client." + clientId;
    }
}
