package dev.proximity.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code status} safe command: the state and health of every Compose service, one JSON object per line (Compose v2.21+).
 *
 * <p>Runs {@code docker compose ... ps --all --format json} inside the container. Takes no parameters. Immutable.
 */
public record StatusCommand() implements SafeCommand {

  /**
   * Returns {@code status}.
   *
   * @return the name
   */
  @Override
  public String name() {
    return "status";
  }

  @Override
  public List<String> argv() {
    return compose("ps", "--all", "--format", "json");
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of();
  }

  private static List<String> compose(String... words) {
    List<String> argv = new ArrayList<>(COMPOSE);
    argv.addAll(List.of(words));
    return List.copyOf(argv);
  }
}
