package dev.proximity.catalog;

import dev.proximity.spi.AppTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders catalog entries as a plain-text table with aligned columns, for terminals and logs.
 *
 * <pre>
 * ID            NAME          CATEGORY    VERSION
 * adguard-home  AdGuard Home  network     0.107.61
 * caddy         Caddy         web         2.10.0
 * </pre>
 *
 * <p>Columns are separated by two spaces; lines carry no trailing spaces and end with
 * {@code \n}. Control characters in entry fields are shown as {@code ?} so a hostile entry cannot
 * break the layout or send terminal escapes. Stateless and thread-safe.
 */
public final class CatalogListing {
  private static final String GAP = "  ";
  private static final String[] HEADER = {"ID", "NAME", "CATEGORY", "VERSION"};

  private CatalogListing() {}

  /**
   * Renders id, name, category and version of each app, in the order given.
   *
   * @param apps the apps
   * @return the table, or {@code "No apps.\n"} when the list is empty
   */
  public static String render(List<? extends AppTemplate> apps) {
    List<String[]> rows = new ArrayList<>();
    for (AppTemplate app : apps) {
      rows.add(new String[] {app.id(), app.name(), app.category(), app.version()});
    }
    return table(HEADER, rows, -1);
  }

  /**
   * Renders id, name, category, version and the start of each description, cutting the
   * description so that no line is longer than {@code width} characters.
   *
   * @param apps the apps
   * @param width the maximum line length, at least 40
   * @return the table, or {@code "No apps.\n"} when the list is empty
   */
  public static String render(List<? extends AppTemplate> apps, int width) {
    if (width < 40) {
      throw new IllegalArgumentException("width must be at least 40, got " + width);
    }
    List<String[]> rows = new ArrayList<>();
    for (AppTemplate app : apps) {
      rows.add(new String[] {app.id(), app.name(), app.category(), app.version(),
          app.description()});
    }
    return table(new String[] {"ID", "NAME", "CATEGORY", "VERSION", "DESCRIPTION"}, rows, width);
  }

  private static String table(String[] header, List<String[]> rows, int width) {
    if (rows.isEmpty()) {
      return "No apps.\n";
    }
    List<String[]> all = new ArrayList<>();
    all.add(header);
    for (String[] row : rows) {
      String[] clean = new String[row.length];
      for (int i = 0; i < row.length; i++) {
        clean[i] = sanitize(row[i]);
      }
      all.add(clean);
    }
    int columns = header.length;
    int[] widths = new int[columns];
    for (String[] row : all) {
      for (int i = 0; i < columns - (width > 0 ? 1 : 0); i++) {
        widths[i] = Math.max(widths[i], length(row[i]));
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        boolean last = i == columns - 1;
        String cell = row[i];
        if (last && width > 0) {
          cell = truncate(cell, width - length(line.toString()));
        }
        line.append(cell);
        if (!last) {
          line.append(" ".repeat(widths[i] - length(cell))).append(GAP);
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String sanitize(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.strip().codePoints().forEach(cp -> {
      if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
        sb.append(cp == '\n' || cp == '\t' ? ' ' : '?');
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return sb.toString();
  }

  private static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  private static String truncate(String text, int room) {
    if (length(text) <= room) {
      return text;
    }
    if (room <= 1) {
      return "";
    }
    int end = text.offsetByCodePoints(0, room - 1);
    return text.substring(0, end).stripTrailing() + "…";
  }
}
