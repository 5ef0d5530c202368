package dev.glancemigrator.cutover.ceph;

import dev.glancemigrator.ceph.LinkedImage;
import java.util.List;

/**
 * What a source image's snapshot looks like now: still there with its clone children (none: nothing depends
 * on it), or gone (the snapshot, or the whole image).
 */
public record SourceSnapshot(String image, String snapshot, State state, List<LinkedImage> children) {

    public enum State { PRESENT, SNAPSHOT_MISSING, IMAGE_MISSING }

    public boolean present() {
        return state == State.PRESENT;
    }
}
