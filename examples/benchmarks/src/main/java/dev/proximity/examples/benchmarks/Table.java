package dev.proximity.examples.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table that prints aligned, so the same text reads in a terminal and in docs. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();

  Table(String... header) {
    rows.add(header);
  }

  void row(Object... cells) {
    String[] r = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      r[i] = String.valueOf(cells[i]);
    }
    rows.add(r);
  }

  String render() {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int n = 0; n < rows.size(); n++) {
      line(out, rows.get(n), width);
      if (n == 0) {
        String[] rule = new String[cols];
        for (int i = 0; i < cols; i++) {
          rule[i] = "-".repeat(width[i]);
        }
        line(out, rule, width);
      }
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String[] cells, int[] width) {
    out.append('|');
    for (int i = 0; i < cells.length; i++) {
      out.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
    }
    out.append('\n');
  }
}
