package dev.proximity.command;

import java.util.List;
import java.util.Map;

/**
 * The {@code processes} safe command: the container's processes with CPU and memory use, busiest first. Prints the program name ({@code comm}), never full command lines, which can hold secrets.
 *
 * <p>Runs {@code ps -eo pid,ppid,user,pcpu,pmem,rss,etime,comm --sort=-pcpu} inside the container. Takes no parameters. Immutable.
 */
public record ProcessesCommand() implements SafeCommand {

  /**
   * Returns {@code processes}.
   *
   * @return the name
   */
  @Override
  public String name() {
    return "processes";
  }

  @Override
  public List<String> argv() {
    return List.of("ps", "-eo", "pid,ppid,user,pcpu,pmem,rss,etime,comm", "--sort=-pcpu");
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of();
  }
}
