package dev.proximity.command;

import java.util.List;
import java.util.Map;

/**
 * The {@code system} safe command: the kernel and host name the container sees.
 *
 * <p>Runs {@code uname -a} inside the container. Takes no parameters. Immutable.
 */
public record SystemCommand() implements SafeCommand {

  /**
   * Returns {@code system}.
   *
   * @return the name
   */
  @Override
  public String name() {
    return "system";
  }

  @Override
  public List<String> argv() {
    return List.of("uname", "-a");
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of();
  }
}
