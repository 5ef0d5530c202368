package dev.glancemigrator.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glancemigrator.cli.render.Table.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderingTest {

    @Test
    void sizesUseBinaryUnitsWithOneDecimal() {
        assertEquals("0 B", Sizes.human(0));
        assertEquals("1023 B", Sizes.human(1023));
        assertEquals("1.0 KiB", Sizes.human(1024));
        assertEquals("1.5 MiB", Sizes.human(1536 * 1024));
        assertEquals("2.0 GiB", Sizes.human(2L << 30));
        assertEquals("40.0 MiB/s", Sizes.rate(40L << 20));
    }

    @Test
    void durationsKeepTheTwoLargestUnits() {
        assertEquals("42s", Durations.human(42));
        assertEquals("3m05s", Durations.human(185));
        assertEquals("1h02m", Durations.human(3720));
        assertEquals("2d03h", Durations.human(2 * 86400 + 3 * 3600 + 59));
    }

    @Test
    void aBarFillsInProportionAndAnEmptyWholeCountsAsDone() {
        assertEquals("[#####-----]  50.0%", ProgressBar.of(5, 10, 10));
        assertEquals("[----------]   0.0%", ProgressBar.of(0, 10, 10));
        assertEquals("[##########] 100.0%", ProgressBar.of(0, 0, 10));
        assertEquals("[##########] 100.0%", ProgressBar.of(12, 10, 10));
        assertEquals("33%", ProgressBar.percent(1, 3));
    }

    @Test
    void tableColumnsAreAsWideAsTheirWidestCellNumbersRightAlignedLongCellsCut() {
        Table table = new Table(Column.left("ID"), Column.right("SIZE"), Column.left("REASON", 8));
        table.row("a", "1.0 KiB", "short");
        table.row("bbbb", "10 B", "much too long a reason");
        table.row("c", null, "x");

        assertEquals(List.of(
                "ID       SIZE  REASON",
                "a     1.0 KiB  short",
                "bbbb     10 B  much to…",
                "c           -  x"), table.lines());
    }

    @Test
    void aFrameRedrawsFromTheTopClearingWhatTheLastOneLeft() {
        String first = Terminal.frame(List.of("a", "b"), true);
        String next = Terminal.frame(List.of("a"), false);

        assertEquals("\033[2J\033[Ha\033[K\nb\033[K\n\033[J", first);
        assertEquals("\033[Ha\033[K\n\033[J", next);
    }
}
