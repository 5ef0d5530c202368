package dev.glancemigrator.worker;

import dev.glancemigrator.api.ServiceHost;

/**
 * How one service runs its tasks. Each worker service produces exactly one from its own
 * configuration; the library's beans (slots, readiness, drain, publishing) read it.
 *
 * @param service the service's short name ({@code copier}): metric prefix and fallback host name
 * @param channel the incoming channel its tasks arrive on
 * @param tasks what its tasks are called in logs and metrics ({@code copies})
 * @param slots how many tasks run at once on this instance
 * @param writes whether it may write to clusters marked writable; a service that only reads never does
 */
public record WorkerSettings(String service, String channel, String tasks, int slots, boolean writes,
        WorkerConfig config) {

    public WorkerSettings {
        if (slots < 1) {
            throw new IllegalArgumentException(service + ": at least one task slot is needed, not " + slots);
        }
    }

    /** The name events and logs carry: the configured host, else the machine's name. */
    public String host() {
        return ServiceHost.resolve(config.host(), service);
    }

    /** A metric of this service's tasks, such as {@code copier.copies.active}. */
    public String metric(String what) {
        return service + "." + tasks + "." + what;
    }
}
