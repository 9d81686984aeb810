package dev.proximity.command;

import java.util.List;
import java.util.Map;

/**
 * The {@code images} safe command: the Docker images stored in the container.
 *
 * <p>Runs {@code docker image ls} inside the container. Takes no parameters. Immutable.
 */
public record ImagesCommand() implements SafeCommand {

  /**
   * Returns {@code images}.
   *
   * @return the name
   */
  @Override
  public String name() {
    return "images";
  }

  @Override
  public List<String> argv() {
    return List.of("docker", "image", "ls");
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of();
  }
}
