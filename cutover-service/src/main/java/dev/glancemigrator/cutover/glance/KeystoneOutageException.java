package dev.glancemigrator.cutover.glance;

import dev.glancemigrator.keystone.KeystoneUnavailableException;

/**
 * The Glance check could not be made because Keystone stayed unavailable (not answering, or refusing the
 * migrator's own credentials) for {@code cutover.glance.check.keystone-grace}: an outage, which says nothing of
 * any Glance node. Never a verdict: the run is left where it stopped, to be resumed once Keystone is back.
 */
public class KeystoneOutageException extends RuntimeException {

    KeystoneOutageException(KeystoneUnavailableException cause) {
        super("Keystone is unavailable, so the Glance nodes could not be checked (" + cause.getMessage() + ")", cause);
    }
}
