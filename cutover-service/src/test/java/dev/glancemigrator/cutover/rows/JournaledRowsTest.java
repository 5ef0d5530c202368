package dev.glancemigrator.cutover.rows;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JournaledRowsTest {

    @Test
    void rowsAllHoldingTheirNewValueMeanGlanceCommitted() {
        assertTrue(new JournaledRows(3, 0, List.of()).switched());
        assertTrue(new JournaledRows(3, 0, List.of(7L)).switched(), "a row deleted since does not hide the commit");
        assertFalse(new JournaledRows(3, 0, List.of()).untouched());
    }

    @Test
    void rowsAllHoldingTheirOldValueMeanGlanceNeverCommitted() {
        assertTrue(new JournaledRows(0, 3, List.of()).untouched());
        assertFalse(new JournaledRows(0, 3, List.of()).switched());
    }

    @Test
    void aMixIsNeitherSwitchedNorUntouched() {
        JournaledRows mixed = new JournaledRows(2, 1, List.of());
        assertFalse(mixed.switched());
        assertFalse(mixed.untouched());
    }

    @Test
    void rowsAllGoneSinceLeaveNothingOfTheRunSoItIsUntouched() {
        JournaledRows gone = new JournaledRows(0, 0, List.of(1L, 2L));
        assertFalse(gone.switched());
        assertTrue(gone.untouched(), "a re-run can give it up and plan afresh instead of refusing forever");
    }
}
