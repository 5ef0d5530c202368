package dev.glancemigrator.ceph;

import java.util.ArrayList;
import java.util.List;

/**
 * Which fixed-size blocks of a chunk are known to hold only zeros; the others (data, or not known)
 * must be read. The last block may be shorter than the others.
 */
public final class ZeroBlocks {

    private final int blockBytes;
    private final long length;
    private final boolean[] zero;

    ZeroBlocks(int blockBytes, long length, boolean[] zero) {
        this.blockBytes = blockBytes;
        this.length = length;
        this.zero = zero;
    }

    /** Nothing known: every block must be read. */
    static ZeroBlocks unknown(int blockBytes, long length) {
        return new ZeroBlocks(blockBytes, length, new boolean[blockCount(blockBytes, length)]);
    }

    static int blockCount(int blockBytes, long length) {
        return Math.toIntExact((length + blockBytes - 1) / blockBytes);
    }

    public boolean allZero() {
        for (boolean z : zero) {
            if (!z) {
                return false;
            }
        }
        return true;
    }

    public boolean anyZero() {
        for (boolean z : zero) {
            if (z) {
                return true;
            }
        }
        return false;
    }

    /** The ranges to read, relative to the chunk's start: runs of blocks not known to be zeros. */
    public List<Extent> rangesToRead() {
        List<Extent> ranges = new ArrayList<>();
        int runStart = -1;
        for (int block = 0; block <= zero.length; block++) {
            boolean readIt = block < zero.length && !zero[block];
            if (readIt && runStart < 0) {
                runStart = block;
            } else if (!readIt && runStart >= 0) {
                long start = (long) runStart * blockBytes;
                ranges.add(new Extent(start, Math.min(length, (long) block * blockBytes) - start));
                runStart = -1;
            }
        }
        return ranges;
    }
}
