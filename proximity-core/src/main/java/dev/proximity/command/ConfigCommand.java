package dev.proximity.command;

import java.util.List;
import java.util.Map;

/**
 * The {@code config} safe command: the app's Compose file, with the values of secret-looking keys masked by {@link Redaction#redactConfig(String)}.
 *
 * <p>Runs {@code cat /opt/proximity/app/compose.yaml} inside the container. Takes no parameters. Immutable.
 */
public record ConfigCommand() implements SafeCommand {

  /**
   * Returns {@code config}.
   *
   * @return the name
   */
  @Override
  public String name() {
    return "config";
  }

  @Override
  public List<String> argv() {
    return List.of("cat", COMPOSE_FILE);
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of();
  }

  /** Always true: the Compose file holds the app's secrets. */
  @Override
  public boolean redactsOutput() {
    return true;
  }
}
