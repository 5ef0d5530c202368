package dev.glancemigrator.copier.copy;

import dev.glancemigrator.ceph.CephException;
import dev.glancemigrator.ceph.Errno;
import dev.glancemigrator.ceph.RbdImage;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Takes a target image's exclusive lock, waiting while another copier holds it. A duplicate delivery
 * of a task (after a rebalance) thus waits for the first copier instead of racing it; if that copier
 * died, librbd breaks its lock once its watch expires, and the wait ends.
 */
public final class LockWait {

    private static final Logger LOG = Logger.getLogger(LockWait.class);

    private final Duration retryInterval;

    public LockWait(Duration retryInterval) {
        this.retryInterval = retryInterval;
    }

    void acquire(RbdImage image, BooleanSupplier abandon) {
        boolean told = false;
        while (true) {
            try {
                image.acquireExclusiveLock();
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
