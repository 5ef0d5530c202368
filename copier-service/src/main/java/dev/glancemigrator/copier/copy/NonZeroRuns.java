package dev.glancemigrator.copier.copy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of a chunk worth writing: runs of blocks that hold a non-zero byte. A new image reads
 * as zeros, so skipping the rest keeps the copy as thin as the data allows.
 */
final class NonZeroRuns {

    /** A byte range within a chunk: {@code [start, end)}. */
    record Run(int start, int end) {
        int length() {
            return end - start;
        }
    }

    private final int blockSize;
    private final byte[] zeros;

    NonZeroRuns(int blockSize) {
        this.blockSize = blockSize;
        this.zeros = new byte[blockSize];
    }

    List<Run> find(byte[] data, int length) {
        List<Run> runs = new ArrayList<>();
        int runStart = -1;
        for (int block = 0; block < length; block += blockSize) {
            int blockEnd = Math.min(length, block + blockSize);
            boolean zero = Arrays.mismatch(data, block, blockEnd, zeros, 0, blockEnd - block) < 0;
            if (!zero && runStart < 0) {
                runStart = block;
            } else if (zero && runStart >= 0) {
                runs.add(new Run(runStart, block));
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            runs.add(new Run(runStart, length));
        }
        return runs;
    }
}
