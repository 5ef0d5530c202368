package dev.glancemigrator.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The name a service instance signs its events and logs with: the configured name if it is not blank,
 * else the machine's host name, else a fallback (the service's short name). {@link #resolve} is a plain
 * function for code outside CDI; a service produces a {@code ServiceHost} bean with {@link #of}.
 */
public record ServiceHost(String name) {

    /** How the machine's name is found; a seam for tests. */
    interface MachineName {
        String get() throws UnknownHostException;
    }

    public static ServiceHost of(Optional<String> configured, String fallback) {
        return new ServiceHost(resolve(configured, fallback));
    }

    public static String resolve(Optional<String> configured, String fallback) {
        return resolve(configured, () -> InetAddress.getLocalHost().getHostName(), fallback);
    }

    static String resolve(Optional<String> configured, MachineName machine, String fallback) {
        return configured.filter(name -> !name.isBlank()).orElseGet(() -> {
            try {
                String name = machine.get();
                return name != null && !name.isBlank() ? name : fallback;
            } catch (UnknownHostException e) {
                return fallback;
            }
        });
    }
}
