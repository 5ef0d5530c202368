package dev.glancemigrator.copier.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NonZeroRunsTest {

    private final NonZeroRuns runs = new NonZeroRuns(4);

    @Test
    void allZeroChunkHasNothingToWrite() {
        assertEquals(List.of(), runs.find(new byte[16], 16));
    }

    @Test
    void adjacentNonZeroBlocksMergeIntoOneRun() {
        byte[] data = new byte[16];
        data[5] = 1;
        data[8] = 1;
        assertEquals(List.of(new NonZeroRuns.Run(4, 12)), runs.find(data, 16));
    }

    @Test
    void zeroBlocksSplitRunsAndAShortLastBlockCounts() {
        byte[] data = new byte[18];
        data[0] = 1;
        data[17] = 1;
        assertEquals(List.of(new NonZeroRuns.Run(0, 4), new NonZeroRuns.Run(16, 18)), runs.find(data, 18));
    }

    @Test
    void onlyTheGivenLengthIsScanned() {
        byte[] data = new byte[16];
        data[12] = 1;
        assertEquals(List.of(), runs.find(data, 8));
    }
}
