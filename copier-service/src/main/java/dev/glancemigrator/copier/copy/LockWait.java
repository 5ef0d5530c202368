package dev.glancemigrator.copier.copy;

import dev.glancemigrator.ceph.CephException;
import dev.glancemigrator.ceph.Errno;
import dev.glancemigrator.ceph.RbdImage;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Takes a target image's exclusive lock, waiting while another copier holds it. A duplicate delivery
 * of a task (after a rebalance) thus waits for the first copier instead of racing it.
 *
 * <p>How the wait ends is librbd's: {@code rbd_lock_acquire} asks the holder to give the lock up.
 * A live holder refuses at once (it took the lock with {@code rbd_lock_acquire} too), and this
 * retries every {@code retryInterval}. A holder that does not answer (dead, frozen, cut off) keeps
 * the call waiting inside librbd until the holder's watch on the image expires at the OSD
 * ({@code osd_client_watch_timeout}, 30 s after its last ping); librbd then blocklists the holder's
 * client, breaks its lock and takes it, so whatever that holder still sends is refused.
 */
public final class LockWait {

    private static final Logger LOG = Logger.getLogger(LockWait.class);
    /** A refusal comes back in milliseconds; a call this long waited out a holder that did not answer. */
    private static final Duration SILENT_HOLDER = Duration.ofSeconds(5);

    private final Duration retryInterval;

    public LockWait(Duration retryInterval) {
        this.retryInterval = retryInterval;
    }

    void acquire(RbdImage image, BooleanSupplier abandon) {
        boolean told = false;
        while (true) {
            long started = System.nanoTime();
            try {
                image.acquireExclusiveLock();
                Duration waited = Duration.ofNanos(System.nanoTime() - started);
                if (waited.compareTo(SILENT_HOLDER) >= 0) {
                    LOG.infof("took the lock of %s after %d s in librbd: its holder did not answer, so its lock was "
                            + "broken once its watch expired, and its client blocklisted", image.spec(), waited.toSeconds());
                }
                return;
            } catch (CephException e) {
                if (!e.is(Errno.EROFS) && !e.is(Errno.EBUSY)) {
                    throw e;
                }
                if (!told) {
                    LOG.infof("%s is locked by another copier; waiting for it to finish or die", image.spec());
                    told = true;
                }
            }
            if (abandon.getAsBoolean()) {
                throw new CopyAbandonedException(image.spec());
            }
            sleep();
        }
    }

    private void sleep() {
        try {
            Thread.sleep(retryInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an image lock", e);
        }
    }
}
