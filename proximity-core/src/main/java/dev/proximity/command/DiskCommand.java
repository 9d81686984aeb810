package dev.proximity.command;

import java.util.List;
import java.util.Map;

/**
 * The {@code disk} safe command: file system usage inside the container, human-readable.
 *
 * <p>Runs {@code df -h} inside the container. Takes no parameters. Immutable.
 */
public record DiskCommand() implements SafeCommand {

  /**
   * Returns {@code disk}.
   *
   * @return the name
   */
  @Override
  public String name() {
    return "disk";
  }

  @Override
  public List<String> argv() {
    return List.of("df", "-h");
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of();
  }
}
