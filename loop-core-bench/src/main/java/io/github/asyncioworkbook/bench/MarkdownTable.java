package io.github.asyncioworkbook.bench;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table whose columns are padded, so that it also reads well in a terminal. */
final class MarkdownTable {

    private MarkdownTable() {
    }

    /**
     * Renders a table.
     *
     * @param head the header cells
     * @param body the rows, each with as many cells as {@code head}
     * @return the table, one line per row, each line ending in a newline
     */
    static String render(List<String> head, List<List<String>> body) {
        int[] w = new int[head.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.max(3, head.get(i).length());
            for (List<String> r : body) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, head, w);
        List<String> rule = new ArrayList<>();
        for (int x : w) {
            rule.add("-".repeat(x));
        }
        appendRow(sb, rule, w);
        for (List<String> r : body) {
            appendRow(sb, r, w);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] w) {
        sb.append('|');
        for (int i = 0; i < w.length; i++) {
            String c = cells.get(i);
            sb.append(' ').append(c).append(" ".repeat(w[i] - c.length())).append(" |");
        }
        sb.append('\n');
    }
}
