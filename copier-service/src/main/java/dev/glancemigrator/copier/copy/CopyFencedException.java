package dev.glancemigrator.copier.copy;

import dev.glancemigrator.ceph.CephException;

/**
 * The copy lost its target to another copier: while this one did not answer (frozen, cut off),
 * its task went to another copier, which broke this one's lock on the partial image, and librbd
 * blocklisted this one's client as it did. The OSDs refuse all it sends since, so nothing it writes
 * lands; the task is the other copier's now, and this one gives it up without reporting anything.
 */
public class CopyFencedException extends CopyAbandonedException {

    public CopyFencedException(String image, CephException blocklisted) {
        super("copy of " + image + " given up: this copier was fenced off (its Ceph client is blocklisted: "
                + "another copier broke its lock on the partial image after it stopped answering, so nothing it "
                + "writes lands and the task is that copier's now); last error: " + blocklisted.getMessage(),
                blocklisted);
    }
}
