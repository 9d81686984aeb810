package dev.proximity.command;

import java.util.List;
import java.util.Map;

/**
 * The {@code volumes} safe command: the Docker volumes in the container.
 *
 * <p>Runs {@code docker volume ls} inside the container. Takes no parameters. Immutable.
 */
public record VolumesCommand() implements SafeCommand {

  /**
   * Returns {@code volumes}.
   *
   * @return the name
   */
  @Override
  public String name() {
    return "volumes";
  }

  @Override
  public List<String> argv() {
    return List.of("docker", "volume", "ls");
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of();
  }
}
