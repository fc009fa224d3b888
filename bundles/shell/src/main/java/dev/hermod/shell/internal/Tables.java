package dev.hermod.shell.internal;

import java.util.List;

/** Plain-text tables: left-aligned columns two spaces apart, a rule under the header row. */
final class Tables {

    private Tables() {}

    /** @return the rows as a table, each line ending with a line break */
    static String format(List<String[]> rows) {
        StringBuilder out = new StringBuilder();
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths);
            if (r == 0) {
                String[] rule = new String[columns];
                for (int i = 0; i < columns; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                line(out, rule, widths);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            line.append(row[i]);
            if (i < row.length - 1) {
                line.append(" ".repeat(widths[i] - row[i].length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
