package dev.proximity.command;

import java.util.List;
import java.util.Map;

/**
 * The {@code memory} safe command: memory and swap use inside the container, in MiB.
 *
 * <p>Runs {@code free -m} inside the container. Takes no parameters. Immutable.
 */
public record MemoryCommand() implements SafeCommand {

  /**
   * Returns {@code memory}.
   *
   * @return the name
   */
  @Override
  public String name() {
    return "memory";
  }

  @Override
  public List<String> argv() {
    return List.of("free", "-m");
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of();
  }
}
