package dev.proximity.pve.model;

import java.util.List;

/**
 * A page of a task log.
 *
 * @param lines the lines of this page
 * @param total number of lines in the whole log, or -1 if the server did not say
 */
public record TaskLogPage(List<TaskLogLine> lines, long total) {

  /**
   * Copies the lines.
   *
   * @param lines the lines of this page
   * @param total number of lines in the whole log, or -1 if the server did not say
   */
  public TaskLogPage {
    lines = List.copyOf(lines);
  }

  /**
   * Returns the {@code start} for the next page: the number of the last line read.
   *
   * @param previousStart the start of this page
   * @return the next start
   */
  public int nextStart(int previousStart) {
    return lines.isEmpty() ? previousStart : lines.get(lines.size() - 1).number();
  }
}
