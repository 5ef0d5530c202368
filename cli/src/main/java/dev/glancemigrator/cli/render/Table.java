package dev.glancemigrator.cli.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-width columns under a header, two spaces apart, numbers right-aligned (as {@code openstack ... list}
 * prints them, without the frame). Cells longer than a column's limit are cut with an ellipsis.
 */
public final class Table {

    /** A column: its header, whether it is right-aligned, and the longest cell it shows whole (0: no limit). */
    public record Column(String header, boolean right, int limit) {

        public static Column left(String header) {
            return new Column(header, false, 0);
        }

        public static Column left(String header, int limit) {
            return new Column(header, false, limit);
        }

        public static Column right(String header) {
            return new Column(header, true, 0);
        }
    }

    private static final String GAP = "  ";

    private final List<Column> columns;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(Column... columns) {
        this.columns = List.of(columns);
    }

    public Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
        }
        List<String> row = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            row.add(cut(cells[i] == null ? "-" : cells[i].toString(), columns.get(i).limit()));
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public List<String> lines() {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).header().length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(columns.stream().map(Column::header).toList(), widths));
        for (List<String> row : rows) {
            lines.add(line(row, widths));
        }
        return lines;
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(GAP);
            }
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            boolean last = i == cells.size() - 1;
            line.append(columns.get(i).right() ? pad + cell : last ? cell : cell + pad);
        }
        return line.toString().stripTrailing();
    }

    private static String cut(String text, int limit) {
        String oneLine = text.replace('\n', ' ');
        return limit > 0 && oneLine.length() > limit ? oneLine.substring(0, limit - 1) + "…" : oneLine;
    }
}
