package dev.proximity.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An aligned text table: a header row and data rows, columns padded to their widest cell,
 * numeric columns right-aligned. Immutable once built.
 *
 * @param headers the column headers, upper case by convention
 * @param rows the data rows, each as wide as the headers
 * @param rightAligned for each column, whether it is right-aligned
 */
record Table(List<String> headers, List<List<String>> rows, List<Boolean> rightAligned) {

  Table {
    headers = List.copyOf(headers);
    List<List<String>> copy = new ArrayList<>();
    for (List<String> row : rows) {
      if (row.size() != headers.size()) {
        throw new IllegalArgumentException("row has " + row.size() + " cells, expected " + headers.size());
      }
      copy.add(List.copyOf(row));
    }
    rows = List.copyOf(copy);
    rightAligned = List.copyOf(rightAligned);
    if (rightAligned.size() != headers.size()) {
      throw new IllegalArgumentException("alignment for " + rightAligned.size() + " of " + headers.size() + " columns");
    }
  }

  /** Starts a table with these columns; a header ending in {@code >} is right-aligned. */
  static Builder of(String... headers) {
    return new Builder(headers);
  }

  /**
   * Renders the table, two spaces between columns, no trailing blanks.
   *
   * @param style styles the header row and, through {@code cell}, the cells
   * @param cell styles a cell after its width is measured, e.g. status colours
   * @return the lines of the table
   */
  List<String> render(Style style, UnaryOperator<String> cell) {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < headers.size(); c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(style.bold(line(headers, widths, UnaryOperator.identity())));
    for (List<String> row : rows) {
      lines.add(line(row, widths, cell));
    }
    return lines;
  }

  private String line(List<String> cells, int[] widths, UnaryOperator<String> cell) {
    StringBuilder out = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String text = cells.get(c);
      String pad = " ".repeat(widths[c] - text.length());
      boolean last = c == cells.size() - 1;
      if (c > 0) {
        out.append("  ");
      }
      if (rightAligned.get(c)) {
        out.append(pad).append(cell.apply(text));
      } else {
        out.append(cell.apply(text));
        if (!last) {
          out.append(pad);
        }
      }
    }
    return out.toString().stripTrailing();
  }

  /** Collects rows; ends in {@link #build()}. Not thread-safe. */
  static final class Builder {
    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> right = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    private Builder(String... headers) {
      for (String header : headers) {
        boolean r = header.endsWith(">");
        this.headers.add(r ? header.substring(0, header.length() - 1) : header);
        this.right.add(r);
      }
    }

    /**
     * Adds a row; {@code null} cells show as {@code -}, control characters as {@code ?}, so a
     * hostile name or description cannot send terminal escapes or break the layout.
     */
    Builder row(Object... cells) {
      List<String> row = new ArrayList<>();
      for (Object cell : cells) {
        row.add(Printer.clean(Objects.toString(cell, "-")));
      }
      rows.add(row);
      return this;
    }

    Table build() {
      return new Table(headers, rows, right);
    }
  }
}
